const CRC_TABLE = Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});
/** Deflate's length codes 257–284 and distance codes 0–29: the first value of each (RFC 1951 §3.2.5). */
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227];
const DISTANCE_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const extraBits = (code: number, skip: number) => (code < skip ? 0 : (code - skip + 4) >> 2) | 0;
const MAX_MATCH = 258;
const WINDOW = 32768;
const HASH_BITS = 14;

/**
 * `text` gzipped synchronously: LZ77 matches (one candidate per 3-byte hash) and deflate's fixed
 * Huffman codes. At page exit `CompressionStream` cannot be awaited, and most of a short view's
 * events (INP, CLS, the resource summary) only exist then. The demo's exit beacon: 3,841 B of JSON
 * → 1,731 B (zlib's dynamic codes would save a few hundred more) in well under a millisecond.
 */
export function gzipNow(text: string): Uint8Array<ArrayBuffer> {
  const data = new TextEncoder().encode(text);
  const out = new Uint8Array(data.length + (data.length >> 3) + 32);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  let at = 10;
  let bits = 0;
  let count = 0;
  const put = (value: number, width: number) => {
    bits |= value << count;
    count += width;
    while (count >= 8) {
      out[at++] = bits & 0xff;
      bits >>>= 8;
      count -= 8;
    }
  };
  // Huffman codes go most significant bit first, the rest of deflate least significant first.
  const putCode = (code: number, width: number) => {
    let reversed = 0;
    for (let bit = 0; bit < width; bit++) reversed |= ((code >> bit) & 1) << (width - 1 - bit);
    put(reversed, width);
  };
  const literal = (symbol: number) => {
    if (symbol < 144) putCode(0x30 + symbol, 8);
    else if (symbol < 256) putCode(0x190 + symbol - 144, 9);
    else if (symbol < 280) putCode(symbol - 256, 7);
    else putCode(0xc0 + symbol - 280, 8);
  };
  const match = (length: number, distance: number) => {
    let code = length === MAX_MATCH ? 28 : LENGTH_BASE.findLastIndex((base) => base <= length);
    literal(257 + code);
    if (code < 28) put(length - LENGTH_BASE[code]!, extraBits(code, 8));
    code = DISTANCE_BASE.findLastIndex((base) => base <= distance);
    putCode(code, 5);
    put(distance - DISTANCE_BASE[code]!, code < 4 ? 0 : (code >> 1) - 1);
  };

  put(0b011, 3); // the last block, fixed codes
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const hash = (i: number) => ((data[i]! << 10) ^ (data[i + 1]! << 5) ^ data[i + 2]!) & ((1 << HASH_BITS) - 1);
  for (let i = 0; i < data.length; ) {
    let length = 0;
    if (i + 3 <= data.length) {
      const key = hash(i);
      const candidate = head[key]!;
      head[key] = i;
      if (candidate >= 0 && i - candidate <= WINDOW) {
        const limit = Math.min(MAX_MATCH, data.length - i);
        while (length < limit && data[candidate + length] === data[i + length]) length++;
        if (length >= 3) match(length, i - candidate);
      }
    }
    if (length < 3) {
      literal(data[i]!);
      i++;
      continue;
    }
    for (let next = i + 1; next < i + length && next + 3 <= data.length; next++) head[hash(next)] = next;
    i += length;
  }
  literal(256);
  if (count) put(0, 8 - count);

  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const trailer = new DataView(out.buffer, at, 8);
  trailer.setUint32(0, (crc ^ 0xffffffff) >>> 0, true);
  trailer.setUint32(4, data.length, true);
  return out.slice(0, at + 8);
}
