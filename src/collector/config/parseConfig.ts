import { Ajv } from 'ajv';
import { Config } from './Config.js';

const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });
const check = ajv.compile<Config>(Config);

/** Checks a config object (from the `--config` file, flags already merged) and fills defaults. */
export function parseConfig(input: unknown): Config {
  const config = structuredClone(input);
  if (!check(config)) {
    const reasons = (check.errors ?? []).map((error) => `${error.instancePath || '(config)'} ${error.message ?? 'is invalid'}`);
    throw new Error(`invalid config: ${reasons.join('; ')}`);
  }
  const ids = config.sites.map((site) => site.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) throw new Error(`invalid config: site '${repeated}' is declared twice`);
  return config;
}
