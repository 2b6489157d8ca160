import { createWorkerApi } from './createWorkerApi.js';
import { exposeWorkerApi } from './exposeWorkerApi.js';

exposeWorkerApi(createWorkerApi(self), self);
