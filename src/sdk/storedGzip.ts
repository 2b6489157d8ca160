const CRC_TABLE = Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});
/** A stored (uncompressed) deflate block holds at most this many bytes. */
const MAX_STORED = 0xffff;

/**
 * `text` as one gzip member of stored deflate blocks, built synchronously. At page exit there is
 * no time to await `CompressionStream`: the exit body is the compressed copy made at idle time
 * followed by this member for the events that came after, and a gzip reader (Node's zlib, the
 * collector's) inflates concatenated members as one stream (RFC 1952 §2.2).
 */
export function storedGzip(text: string): Uint8Array<ArrayBuffer> {
  const data = new TextEncoder().encode(text);
  const blocks = Math.max(1, Math.ceil(data.length / MAX_STORED));
  const out = new Uint8Array(10 + blocks * 5 + data.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  let at = 10;
  let crc = 0xffffffff;
  for (let block = 0; block < blocks; block++) {
    const chunk = data.subarray(block * MAX_STORED, (block + 1) * MAX_STORED);
    out[at] = block === blocks - 1 ? 1 : 0;
    out[at + 1] = chunk.length & 0xff;
    out[at + 2] = chunk.length >>> 8;
    out[at + 3] = ~chunk.length & 0xff;
    out[at + 4] = (~chunk.length >>> 8) & 0xff;
    out.set(chunk, at + 5);
    at += 5 + chunk.length;
    for (const byte of chunk) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  }
  const view = new DataView(out.buffer);
  view.setUint32(at, (crc ^ 0xffffffff) >>> 0, true);
  view.setUint32(at + 4, data.length, true);
  return out;
}
