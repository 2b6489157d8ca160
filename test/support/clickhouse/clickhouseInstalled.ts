import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ZOOKEEPER_JAR } from './startZooKeeper.js';

const INSTALL = 'apt-get install -y clickhouse-server clickhouse-client zookeeper';

/**
 * Whether the ClickHouse tests can run here. On a developer's machine without the servers they
 * skip, saying once how to install them; under CI=true a missing server fails the run instead.
 */
export function clickhouseInstalled(): boolean {
  // clickhouse-server 18.16 has no --version (it refuses every option it does not know): look on PATH.
  const onPath = (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, 'clickhouse-server')));
  const found = onPath && existsSync(ZOOKEEPER_JAR);
  if (!found && process.env.CI === 'true') throw new Error(`clickhouse-server or ZooKeeper is missing, and CI=true: ${INSTALL}`);
  if (!found) console.log(`ClickHouse tests skipped: no clickhouse-server or ZooKeeper here (Debian: ${INSTALL})`);
  return found;
}
