import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { refusedOriginLog } from '../../src/collector/ingest/refusedOriginLog.js';

describe('refusedOriginLog', () => {
  it('logs each site and origin again only after a minute, and forgets the oldest under a flood of forged origins', () => {
    let now = 0;
    const lines: string[] = [];
    const log = { warn: (_fields: object, message: string) => lines.push(message) } as unknown as FastifyBaseLogger;
    const refused = refusedOriginLog(() => now);
    refused(log, 'shop', 'https://a.example');
    now = 59_999;
    refused(log, 'shop', 'https://a.example');
    refused(log, 'blog', 'https://a.example');
    expect(lines).toHaveLength(2);
    now = 60_000;
    refused(log, 'shop', 'https://a.example');
    expect(lines).toHaveLength(3);
    for (let forged = 0; forged < 5000; forged++) refused(log, 'shop', `https://${forged}.example`);
    expect(lines).toHaveLength(5003);
    expect(lines[0]).toBe(
      `page views from https://a.example are refused for site 'shop': add "https://a.example" to the site's "origins" in the config ` +
        '(the demo site without a config: pageprof serve --origin https://a.example); logged once a minute per origin',
    );
  });
});
