import type { Histogram } from '../histograms/histogramPercentiles.js';

/** A histogram as `value_hours` stores it (migration 16): its (bucket, count) pairs as little-endian 32-bit integers, sorted by bucket. */
export function encodeHistogram(histogram: Histogram): Buffer {
  const pairs = [...histogram].filter(([, count]) => count !== 0).sort(([a], [b]) => a - b);
  const ints = new Int32Array(pairs.length * 2);
  pairs.forEach(([bucket, count], i) => {
    ints[2 * i] = bucket;
    ints[2 * i + 1] = count;
  });
  return Buffer.from(ints.buffer);
}

/** Calls `add` with each (bucket, count) pair of a stored histogram. */
export function eachBucket(blob: Uint8Array, add: (bucket: number, count: number) => void): void {
  // Copied when the blob is not 4-byte aligned, as an Int32Array needs; Node's platforms are little-endian, as the blob is.
  const aligned = blob.byteOffset % 4 === 0 ? blob : Uint8Array.from(blob);
  const ints = new Int32Array(aligned.buffer, aligned.byteOffset, Math.floor(aligned.byteLength / 8) * 2);
  for (let i = 0; i + 1 < ints.length; i += 2) add(ints[i] as number, ints[i + 1] as number);
}
