import type { Static } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { ConfigInput, type Config, type Site, type SiteInput } from './Config.js';

const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });
const check = ajv.compile<Static<typeof ConfigInput>>(ConfigInput);

/** Checks a config object (from the `--config` file named `file`, flags already merged) and fills defaults. */
export function parseConfig(input: unknown, file?: string): Config {
  const config = structuredClone(input);
  if (!check(config)) {
    const reasons = (check.errors ?? []).map((error) => `${error.instancePath || '(config)'} ${error.message ?? 'is invalid'}`);
    throw new Error(`${file ? `config file ${file}: ` : ''}invalid config: ${reasons.join('; ')}`);
  }
  const ids = config.sites.map((site) => site.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) throw new Error(`invalid config: site '${repeated}' is declared twice`);
  const sites = config.sites.map(toSite);
  const secrets = sites.flatMap((site) => [...site.readTokens, ...(site.uploadToken === undefined ? [] : [site.uploadToken])]);
  if (new Set(secrets).size < secrets.length) {
    throw new Error("invalid config: a token is used twice (each read and upload token must be its own, and one site's only)");
  }
  return { ...config, trustProxy: config.trustProxy ?? 0, sites };
}

function toSite({ readToken, readTokens, ...site }: SiteInput, index: number): Site {
  const tokens = [...(readTokens ?? []), ...(readToken === undefined ? [] : [readToken])];
  if (tokens.length === 0) throw new Error(`invalid config: /sites/${index} needs readTokens (or readToken)`);
  return { ...site, readTokens: tokens };
}
