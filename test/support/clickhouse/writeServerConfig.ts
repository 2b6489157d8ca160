import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerPorts {
  http: number;
  tcp: number;
  interserver: number;
}

export interface ServerConfig {
  dir: string;
  ports: ServerPorts;
  cluster: string;
  /** Every server of the cluster, by shard: their TCP ports. */
  shards: number[][];
  shard: number;
  replica: string;
  zookeeperPort: number | undefined;
}

/**
 * One ClickHouse 18.16 server's config under `dir`: 127.0.0.1 only, its data beside it, the
 * cluster in `remote_servers`, its shard and replica as macros. Returns the config file's path.
 */
export function writeServerConfig({ dir, ports, cluster, shards, shard, replica, zookeeperPort }: ServerConfig): string {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const replicas = shards
    .map(
      (tcpPorts) =>
        // internal_replication: a Distributed insert writes one replica per shard, and
        // ReplicatedMergeTree copies it to the others.
        `<shard><internal_replication>true</internal_replication>${tcpPorts
          .map((port) => `<replica><host>127.0.0.1</host><port>${port}</port></replica>`)
          .join('')}</shard>`,
    )
    .join('\n      ');
  const zookeeper =
    zookeeperPort === undefined
      ? ''
      : // A replica restarted after SIGKILL stays inactive until its old session expires: 10 s, not 30.
        `<zookeeper><node><host>127.0.0.1</host><port>${zookeeperPort}</port></node><session_timeout_ms>10000</session_timeout_ms></zookeeper>
  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>`;
  writeFileSync(
    join(dir, 'config.xml'),
    `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/server.err.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <!-- Without it a replica advertises the machine's hostname for fetches, which need not reach 127.0.0.1. -->
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <max_concurrent_queries>50</max_concurrent_queries>
  <mark_cache_size>268435456</mark_cache_size>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/data/tmp/</tmp_path>
  <user_files_path>${dir}/data/user_files/</user_files_path>
  <format_schema_path>${dir}/data/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <macros><shard>${shard}</shard><replica>${replica}</replica></macros>
  <remote_servers><${cluster}>
      ${replicas}
  </${cluster}></remote_servers>
  ${zookeeper}
</yandex>
`,
  );
  // LowCardinality is experimental in 18.16: without the setting, CREATE fails (code 44).
  writeFileSync(
    join(dir, 'users.xml'),
    `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage><allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`,
  );
  return join(dir, 'config.xml');
}
