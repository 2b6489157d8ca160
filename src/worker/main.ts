import { expose } from 'comlink';
import { createWorkerApi } from './createWorkerApi.js';

expose(createWorkerApi(self));
