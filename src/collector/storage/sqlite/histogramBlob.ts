import type { Histogram } from '../histograms/histogramPercentiles.js';

/** A histogram as `value_hours` stores it (migration 14): its (bucket, count) pairs as little-endian 32-bit integers, sorted by bucket. */
export function encodeHistogram(histogram: Histogram): Buffer {
  const pairs = [...histogram].filter(([, count]) => count !== 0).sort(([a], [b]) => a - b);
  const blob = Buffer.alloc(pairs.length * 8);
  pairs.forEach(([bucket, count], i) => {
    blob.writeInt32LE(bucket, 8 * i);
    blob.writeInt32LE(count, 8 * i + 4);
  });
  return blob;
}

/** Calls `add` with each (bucket, count) pair of a stored histogram. */
export function eachBucket(blob: Uint8Array, add: (bucket: number, count: number) => void): void {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let offset = 0; offset + 8 <= blob.byteLength; offset += 8) add(view.getInt32(offset, true), view.getInt32(offset + 4, true));
}
