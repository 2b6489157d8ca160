import { afterAll, beforeAll, describe } from 'vitest';
import { openClickHouseStorage } from '../../src/collector/storage/clickhouse/openClickHouseStorage.js';
import { clickhouseInstalled } from '../support/clickhouse/clickhouseInstalled.js';
import { startClickHouse, type ClickHouseServers, type Topology } from '../support/clickhouse/startClickHouse.js';
import { storageContract } from './storageContract.js';

const installed = clickhouseInstalled();
let databases = 0;

/** The contract against servers of one topology, each case on a database of its own. */
function contractOn(name: string, topology: Topology): void {
  describe.skipIf(!installed)(name, () => {
    let servers: ClickHouseServers;
    let url = '';
    beforeAll(async () => {
      servers = await startClickHouse(topology);
    }, 60_000);
    afterAll(async () => servers?.stop());
    const urlOf = (database: string) => {
      const [first] = servers.nodes;
      const cluster = servers.zookeeper ? `?cluster=${servers.cluster}&zookeeper=${servers.zookeeper}` : '';
      return `${first?.url}/${database}${cluster}`;
    };
    storageContract(
      name,
      async () => openClickHouseStorage((url = urlOf(`contract_${++databases}`))),
      async () => openClickHouseStorage(url),
    );
  });
}

contractOn('ClickHouse, one server', { shards: 1, replicas: 1, zookeeper: false });
contractOn('ClickHouse, two shards under Distributed', { shards: 2, replicas: 1, zookeeper: true });
