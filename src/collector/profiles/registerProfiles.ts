import type { FastifyInstance } from 'fastify';
import type { Symbolicator } from './createSymbolicator.js';
import { profileRoutes } from './profileRoutes.js';
import type { ProfileStorage } from '../storage/ProfileStorage.js';
import { sourceMapRoute, type SourceMapQuota } from './sourceMapRoute.js';

/** The collector's profile side: source-map uploads (upload token) and the query and export routes (read token). */
export function registerProfiles(app: FastifyInstance, storage: ProfileStorage, symbolicator: Symbolicator, quota: SourceMapQuota): void {
  sourceMapRoute(app, storage, symbolicator, quota);
  profileRoutes(app, storage, symbolicator);
}
