import { describe, expect, it } from 'vitest';
import { randomSecret } from '../../src/collector/config/demoSite.js';

describe('randomSecret', () => {
  it('never starts with a dash, which a command line would take for an option', () => {
    const secrets = Array.from({ length: 2000 }, randomSecret);
    expect(secrets.filter((secret) => secret.startsWith('-'))).toEqual([]);
    expect(secrets.every((secret) => /^[A-Za-z0-9_-]{43}$/.test(secret))).toBe(true);
    expect(new Set(secrets).size).toBe(secrets.length);
  });
});
