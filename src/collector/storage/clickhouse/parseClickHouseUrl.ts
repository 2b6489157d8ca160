/** Where to find the database: the server's HTTP interface, the database, and a cluster's parts. */
export interface ClickHouseTarget {
  /** `http(s)://host:port`, without credentials. */
  url: string;
  username: string;
  password: string;
  database: string;
  /** A cluster of the servers' `remote_servers`: tables are created ON CLUSTER and read through Distributed. */
  cluster?: string;
  /** The cluster's ZooKeeper (`host:port,host:port`): where collectors claim batches. */
  zookeeper?: string;
}

/**
 * `http://USER:PASSWORD@HOST:8123/DATABASE?cluster=NAME&zookeeper=HOST:2181`, the form of
 * `--storage clickhouse:…`. The database defaults to `pageprof`.
 */
export function parseClickHouseUrl(text: string): ClickHouseTarget {
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`ClickHouse URL must be http(s)://…, not ${url.protocol}`);
  const known = new Set(['cluster', 'zookeeper']);
  for (const key of url.searchParams.keys()) if (!known.has(key)) throw new Error(`unknown ClickHouse URL parameter '${key}' (known: cluster, zookeeper)`);
  const cluster = url.searchParams.get('cluster') ?? undefined;
  const zookeeper = url.searchParams.get('zookeeper') ?? undefined;
  if (cluster !== undefined && zookeeper === undefined) throw new Error('a ClickHouse cluster needs its ZooKeeper: add &zookeeper=HOST:PORT');
  return {
    url: `${url.protocol}//${url.host}`,
    username: decodeURIComponent(url.username) || 'default',
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'pageprof',
    ...(cluster === undefined ? {} : { cluster }),
    ...(zookeeper === undefined ? {} : { zookeeper }),
  };
}
