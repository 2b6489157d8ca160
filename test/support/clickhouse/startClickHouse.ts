import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './freePorts.js';
import { serverProcess, type ServerProcess } from './serverProcess.js';
import { startZooKeeper } from './startZooKeeper.js';
import { writeServerConfig } from './writeServerConfig.js';

export const CLUSTER = 'pageprof';

export interface Topology {
  shards: number;
  replicas: number;
  /** A ZooKeeper for Replicated tables, ON CLUSTER DDL and batch claims (always with replicas > 1). */
  zookeeper: boolean;
}

export interface ClickHouseNode extends ServerProcess {
  /** `http://127.0.0.1:PORT`, the HTTP interface. */
  url: string;
  shard: number;
  replica: string;
}

export interface ClickHouseServers {
  nodes: ClickHouseNode[];
  /** `127.0.0.1:PORT` of the ZooKeeper, when there is one. */
  zookeeper: string | undefined;
  cluster: string;
  /** Ends every server and ZooKeeper and removes their data (SIGKILL: the data goes anyway, and SIGTERM took 8 s). */
  stop(): Promise<void>;
}

/**
 * ClickHouse servers (and a ZooKeeper) started from configs in a temp folder, on ports free at
 * the time: one node, shards under a `Distributed` table, or a shard's replicas. Server n holds
 * shard ⌊n / replicas⌋ + 1 as replica `node<n+1>`.
 */
export async function startClickHouse({ shards, replicas, zookeeper: withZooKeeper }: Topology): Promise<ClickHouseServers> {
  const base = mkdtempSync(join(tmpdir(), 'pageprof-clickhouse-'));
  const count = shards * replicas;
  const [zkPort = 0, ...ports] = await freePorts(1 + 3 * count);
  const zk = withZooKeeper || replicas > 1 ? await startZooKeeper(join(base, 'zk'), zkPort) : undefined;
  const portsOf = (n: number) => ({ http: ports[3 * n] as number, tcp: ports[3 * n + 1] as number, interserver: ports[3 * n + 2] as number });
  const byShard = Array.from({ length: shards }, (_, s) => Array.from({ length: replicas }, (_, r) => portsOf(s * replicas + r).tcp));
  const nodes: ClickHouseNode[] = [];
  try {
    for (let n = 0; n < count; n++) {
      const dir = join(base, `node${n + 1}`);
      const { http } = portsOf(n);
      const shard = Math.floor(n / replicas) + 1;
      const replica = `node${n + 1}`;
      const config = writeServerConfig({ dir, ports: portsOf(n), cluster: CLUSTER, shards: byShard, shard, replica, zookeeperPort: zk?.port });
      const url = `http://127.0.0.1:${http}`;
      const ping = async () => (await fetch(`${url}/ping`)).ok;
      const server = serverProcess('clickhouse-server', [`--config-file=${config}`], join(dir, 'stdout.log'), ping, { restartOnCrash: true });
      nodes.push(Object.assign(server, { url, shard, replica }));
    }
    await Promise.all(nodes.map((node) => node.start()));
  } catch (error) {
    await Promise.all(nodes.map((node) => node.kill()));
    await zk?.kill();
    throw error;
  }
  return {
    nodes,
    zookeeper: zk ? `127.0.0.1:${zk.port}` : undefined,
    cluster: CLUSTER,
    stop: async () => {
      await Promise.all(nodes.map((node) => node.kill()));
      await zk?.kill();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
