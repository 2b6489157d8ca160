import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from '../../src/collector/ingest/exceedsJsonDepth.js';

const deeper = (text: string) => exceedsJsonDepth(Buffer.from(text), 3);

describe('exceedsJsonDepth', () => {
  it('counts the nesting of objects and arrays, up to the limit and past it', () => {
    expect(deeper('[{"a":[1]}]')).toBe(false);
    expect(deeper('[{"a":[[1]]}]')).toBe(true);
    expect(deeper('[[[]],[[]],{"b":{}}]')).toBe(false);
  });

  it('skips brackets inside strings, whatever their escapes and characters', () => {
    expect(deeper('["[[[[", "{{{{"]')).toBe(false);
    expect(deeper('["a\\"[[[[[", 1]')).toBe(false);
    expect(deeper('["a\\\\", [[[1]]]]')).toBe(true);
    expect(deeper('["\\\\\\"[[[[", 2]')).toBe(false);
    expect(deeper('["é—😀[[[[", {"ü": [1]}]')).toBe(false);
    expect(deeper('["é—😀", {"ü": [[1]]}]')).toBe(true);
  });

  it('leaves an unterminated string to JSON.parse to refuse', () => {
    expect(deeper('["[[[[[[')).toBe(false);
  });
});
