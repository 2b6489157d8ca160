import { Ajv } from 'ajv';
import { Beacon } from '../protocol/beacon.js';

const ajv = new Ajv({ allErrors: false, strict: false });
const check = ajv.compile<Beacon>(Beacon);

/** `json` tells a schema violation from a body that is not JSON at all. */
export type Validation = { ok: true; beacon: Beacon } | { ok: false; json: boolean; reason: string };

/** Parses and checks a beacon body; the reason names the first offending field. */
export function validateBeacon(body: string): Validation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return { ok: false, json: false, reason: `body is not JSON: ${(error as Error).message}` };
  }
  if (check(parsed)) return { ok: true, beacon: parsed };
  const [first] = check.errors ?? [];
  const where = first?.instancePath || '(beacon)';
  const allowed = first?.params && 'allowedValue' in first.params ? ` (${String(first.params.allowedValue)})` : '';
  const extra = first?.params && 'additionalProperty' in first.params ? ` '${String(first.params.additionalProperty)}'` : '';
  return { ok: false, json: true, reason: `${where} ${first?.message ?? 'is invalid'}${allowed}${extra}` };
}
