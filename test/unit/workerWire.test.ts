import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { Beacon } from '../../src/protocol/beacon.js';
import type { WorkerApi } from '../../src/protocol/workerApi.js';
import { workerClient } from '../../src/sdk/workerClient.js';
import { exposeWorkerApi } from '../../src/worker/exposeWorkerApi.js';

/** The page's client and the worker's side over a real MessageChannel, as a Worker and its scope would carry them. */
function connect(api: Partial<WorkerApi>) {
  const { port1, port2 } = new MessageChannel();
  exposeWorkerApi(api as WorkerApi, port2 as never);
  const client = workerClient(port1 as never);
  port1.start();
  port2.start();
  const close = () => {
    port1.close();
    port2.close();
  };
  return { client, close };
}

describe('the page↔worker messages', () => {
  it('answers each call with its value, passes a function argument as a port the worker calls back, and sends errors back as errors', async () => {
    const settled: string[][] = [];
    const { client, close } = connect({
      start: async (_config, onSettled) => onSettled(['a', 'b']),
      enqueue: async (batch: Beacon) => ({ durable: batch.id === 'kept', dropped: 0 }),
      flush: () => Promise.reject(new Error('outbox closed')),
    });
    await client.start({ endpoint: 'https://collector.example/v1/beacon', scope: 's' }, (ids) => settled.push(ids));
    expect(await client.enqueue({ id: 'kept' } as Beacon)).toEqual({ durable: true, dropped: 0 });
    await expect(client.flush()).rejects.toThrow('outbox closed');
    expect(settled).toEqual([['a', 'b']]);
    close();
  });
});
