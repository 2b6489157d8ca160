import type { Beacon } from '../../protocol/beacon.js';
import type { ProfileStorage } from '../profiles/ProfileStorage.js';

export interface ViewSummary {
  id: string;
  session: string;
  url: string;
  release: string | null;
  startedAt: number;
  events: number;
}

export interface MeasureDistribution {
  name: string;
  count: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface StoredEvent {
  batchId: string;
  viewId: string;
  type: string;
  name: string;
  start: number;
  duration: number | null;
  value: number | null;
  route: string | null;
  /** JSON of the event's other fields (attribution, phases, a mark's detail, …). */
  data: string | null;
}

/**
 * What the collector needs from a database. Every adapter (SQLite embedded, ClickHouse at scale)
 * implements it and passes the same contract suite (test/collector/storageContract.ts).
 */
export interface Storage {
  /** Stores a beacon in one transaction; a batch id already stored is ignored and says so. */
  insertBeacon(beacon: Beacon, receivedAt: number): { duplicate: boolean };
  recentViews(site: string, limit: number): ViewSummary[];
  measureDistributions(site: string): MeasureDistribution[];
  events(site: string): StoredEvent[];
  /** Profile windows (stored by `insertBeacon`), their queries, and source maps. */
  profiles: ProfileStorage;
  close(): void;
}
