import type { Beacon, KnownBatchesQuery } from '../protocol/beacon.js';

/**
 * Asks the collector which of `ids` it has stored for the site (`POST <endpoint>/known`, a simple
 * CORS request as the uploads are); none where it cannot tell (offline, down, an older collector).
 */
export const askKnownBatches =
  (endpoint: string, target: Pick<Beacon, 'site' | 'key'>) =>
  (ids: string[]): Promise<string[]> => {
    const query: KnownBatchesQuery = { ...target, ids };
    return fetch(`${endpoint}/known`, { method: 'POST', body: JSON.stringify(query), headers: { 'content-type': 'text/plain' } })
      .then((response) => (response.ok ? (response.json() as Promise<{ known?: unknown }>) : { known: [] }))
      .then(({ known }) => (Array.isArray(known) ? known.filter((id): id is string => typeof id === 'string') : []))
      .catch(() => []);
  };
