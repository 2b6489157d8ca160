import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { serverProcess, type ServerProcess } from './serverProcess.js';

export const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';

/**
 * ZooKeeper's answer to a four-letter word. `srvr` prints a `Mode:` line only once it serves
 * sessions; `ruok` answers `imok` ~0.3 s earlier, while a restart still loads its data, and a
 * ClickHouse with Replicated tables that cannot connect at start exits.
 */
function fourLetters(port: number, word: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.end(word));
    socket.setTimeout(1000, () => socket.destroy(new Error('timeout')));
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** A standalone ZooKeeper 3.8 (Debian's `zookeeper`) on 127.0.0.1:`port`, its data under `dir`. */
export async function startZooKeeper(dir: string, port: number): Promise<ServerProcess & { port: number }> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const config = join(dir, 'zoo.cfg');
  writeFileSync(
    config,
    [
      'tickTime=2000',
      `dataDir=${join(dir, 'data')}`,
      'clientPortAddress=127.0.0.1',
      `clientPort=${port}`,
      // 3.5+ opens an admin HTTP server on 8080 and answers no four-letter word unless listed.
      'admin.enableServer=false',
      '4lw.commands.whitelist=srvr',
      'maxClientCnxns=200',
      // Tests only: no fsync per transaction.
      'forceSync=no',
      '',
    ].join('\n'),
  );
  const server = serverProcess(
    'java',
    [
      '-Xms16m',
      '-Xmx128m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
      // The jar's manifest carries its class path; slf4j-simple makes it log WARN and up.
      '-cp',
      `${ZOOKEEPER_JAR}:/usr/share/java/slf4j-simple.jar`,
      'org.apache.zookeeper.server.quorum.QuorumPeerMain',
      config,
    ],
    join(dir, 'zk.log'),
    async () => /^Mode: /m.test(await fourLetters(port, 'srvr')),
  );
  await server.start();
  return Object.assign(server, { port });
}
