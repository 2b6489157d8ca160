import { createHash } from 'node:crypto';
import zookeeper, { type Client, type Exception } from 'node-zookeeper-client';
import type { BatchClaims, Claim } from './BatchClaims.js';
import { dayOf, type BatchKey } from './toClickHouseRows.js';

const { CreateMode, Exception: Codes } = zookeeper;

/** How long a collector that died holds its batches: its ZooKeeper session's timeout. */
const SESSION_TIMEOUT_MS = 10_000;
const DAY = 86_400_000;

const STORED = Buffer.from('stored');
const TRIED = Buffer.from('tried');

type Callback<T> = (error: Error | Exception | null, value: T) => void;
const call = <T>(run: (done: Callback<T>) => void): Promise<T> =>
  new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));
const codeOf = (error: unknown) => (error as Exception | undefined)?.code;

/**
 * Claims shared by every collector, in the cluster's ZooKeeper. Holding a batch is an ephemeral
 * node (`locks/SITE/ID`): one atomic create decides between two collectors that got the same
 * batch at once, and it vanishes with its collector's session when that collector dies. What
 * became of the batch is a persistent node (`claims/DAY/SITE/XX/ID`, `tried` then `stored`),
 * kept for the retention period: a retry a day later, whichever collector it reaches, is a
 * duplicate, where 18.16's replicated block dedupe remembers only the last 100 inserts. DAY is
 * the view's start (the same in every retry), XX two hex digits of the id's hash, so that no
 * node has more children than ZooKeeper lists in one answer.
 */
export async function zooKeeperClaims(servers: string, database: string): Promise<BatchClaims> {
  const client: Client = zookeeper.createClient(servers, { sessionTimeout: SESSION_TIMEOUT_MS, spinDelay: 200, retries: 3 });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ZooKeeper at ${servers} did not answer`)), 15_000);
    client.once('connected', () => {
      clearTimeout(timer);
      resolve();
    });
    client.connect();
  });
  const root = `/pageprof/${database}`;
  const lockOf = ({ site, batchId }: BatchKey) => `${root}/locks/${site}/${batchId}`;
  const claimOf = ({ site, batchId, viewStartedAt }: BatchKey) =>
    `${root}/claims/${dayOf(viewStartedAt)}/${site}/${createHash('sha1').update(batchId).digest('hex').slice(0, 2)}/${batchId}`;
  const parents = new Set<string>();
  const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/'));
  const mkdirp = async (path: string) => {
    if (parents.has(path)) return;
    await call<string>((done) => client.mkdirp(path, done));
    parents.add(path);
  };
  const create = async (path: string, data: Buffer, mode: number) => {
    try {
      await call<string>((done) => client.create(path, data, mode, done));
    } catch (error) {
      if (codeOf(error) !== Codes.NO_NODE) throw error;
      parents.delete(parentOf(path));
      await mkdirp(parentOf(path));
      await call<string>((done) => client.create(path, data, mode, done));
    }
  };
  // Each collector is an ephemeral node of `collectors/`, gone with its session: the children, watched, are how many share the limits.
  const members = `${root}/collectors`;
  await mkdirp(members);
  await call<string>((done) => client.create(`${members}/collector-`, Buffer.alloc(0), CreateMode.EPHEMERAL_SEQUENTIAL, done));
  const countCollectors = (): Promise<number> =>
    call<string[]>((done) =>
      client.getChildren(
        members,
        () =>
          void countCollectors().then(
            (count) => (collectors = count),
            () => undefined,
          ),
        done,
      ),
    ).then((children) => Math.max(1, children.length));
  let collectors = await countCollectors();

  const unlock = (key: BatchKey) =>
    call<void>((done) => client.remove(lockOf(key), (error) => done(codeOf(error) === Codes.NO_NODE ? null : error, undefined)));

  async function claimOne(key: BatchKey): Promise<Claim> {
    try {
      await create(lockOf(key), Buffer.alloc(0), CreateMode.EPHEMERAL);
    } catch (error) {
      if (codeOf(error) === Codes.NODE_EXISTS) return 'busy';
      throw error;
    }
    try {
      const data = await call<Buffer>((done) => client.getData(claimOf(key), done)).catch((error: unknown) => {
        if (codeOf(error) === Codes.NO_NODE) return undefined;
        throw error;
      });
      if (data?.equals(STORED)) {
        await unlock(key);
        return 'duplicate';
      }
      if (data) return 'retry';
      await create(claimOf(key), TRIED, CreateMode.PERSISTENT);
      return 'new';
    } catch (error) {
      await unlock(key).catch(() => undefined);
      throw error;
    }
  }

  return {
    // One request after another on one connection, pipelined: a flush's claims cost about one round trip.
    claim: async (keys) => {
      const settled = await Promise.allSettled(keys.map(claimOne));
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed) {
        // Release what this call did take: the flush fails whole.
        await Promise.all(
          keys.map((key, i) =>
            settled[i]?.status === 'fulfilled' && settled[i].value !== 'busy' && settled[i].value !== 'duplicate' ? unlock(key) : undefined,
          ),
        );
        throw (failed as PromiseRejectedResult).reason;
      }
      return settled.map((result) => (result as PromiseFulfilledResult<Claim>).value);
    },
    stored: async (keys) => {
      await Promise.all(keys.map((key) => call((done) => client.setData(claimOf(key), STORED, done))));
      await Promise.all(keys.map(unlock));
    },
    release: async (keys) => {
      await Promise.all(keys.map(unlock));
    },
    // Days of views that started two days before the cutoff: their events are before it too.
    async forgetBefore(cutoff) {
      const claims = `${root}/claims`;
      const days = await call<string[]>((done) => client.getChildren(claims, done)).catch(() => []);
      for (const day of days.filter((name) => name < dayOf(cutoff - 2 * DAY))) await removeAll(`${claims}/${day}`);
      parents.clear();
    },
    collectors: () => collectors,
    close: async () => client.close(),
  };

  async function removeAll(path: string): Promise<void> {
    const children = await call<string[]>((done) => client.getChildren(path, done)).catch(() => []);
    await Promise.all(children.map((child) => removeAll(`${path}/${child}`)));
    await call<void>((done) => client.remove(path, (error) => done(codeOf(error) === Codes.NO_NODE ? null : error, undefined)));
  }
}
