import { describe, expect, it } from 'vitest';
import { sharedQueue } from '../../src/collector/threads/sharedQueue.js';

/** A thread as startThread gives it: calls run on it, each answered when the test says so. */
function thread(name: string) {
  let waiting = 0;
  return {
    name,
    waiting: () => waiting,
    call<R>(use: (remote: string) => Promise<R>): Promise<R> {
      waiting++;
      return use(name).finally(() => waiting--);
    },
  };
}
const deferred = () => {
  let answer = () => {};
  const done = new Promise<void>((resolve) => (answer = resolve));
  return { done, answer };
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sharedQueue', () => {
  it('hands a call to a free thread, and holds it while both are busy until the first one is free, not behind a long call', async () => {
    const threads = [thread('a'), thread('b')];
    const onThread = sharedQueue(threads);
    const ranOn: Record<string, string> = {};
    const jobs = Object.fromEntries(['long', 'short', 'next', 'last'].map((name) => [name, deferred()]));
    const start = (name: string) =>
      onThread(async (remote) => {
        ranOn[name] = remote;
        await jobs[name]?.done;
        return name;
      });
    const answers = ['long', 'short', 'next', 'last'].map(start);
    await settle();
    expect(ranOn).toEqual({ long: 'a', short: 'b' });
    jobs.short?.answer();
    await settle();
    // b was free first: the queue's first call runs there, not behind the long one on a.
    expect(ranOn).toEqual({ long: 'a', short: 'b', next: 'b' });
    jobs.next?.answer();
    jobs.last?.answer();
    await settle();
    expect(ranOn.last).toBe('b');
    jobs.long?.answer();
    expect(await Promise.all(answers)).toEqual(['long', 'short', 'next', 'last']);
  });

  it('passes a failed call on to its caller and keeps serving the queue', async () => {
    const onThread = sharedQueue([thread('a')]);
    const failed = onThread(() => Promise.reject(new Error('thread exited')));
    const after = onThread(async (remote) => remote);
    await expect(failed).rejects.toThrow('thread exited');
    expect(await after).toBe('a');
  });
});
