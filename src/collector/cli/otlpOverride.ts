import { UsageError } from './parseFlags.js';

/** `--otlp-header 'key=value'` as a header; the value may hold '=' (a base64 key does). */
function headerOf(text: string): [string, string] {
  const split = text.indexOf('=');
  if (split < 1) throw new UsageError(`--otlp-header must be 'key=value', not '${text}'`);
  return [text.slice(0, split).trim(), text.slice(split + 1).trim()];
}

/**
 * The config file's `otlp` with `--otlp-endpoint` and `--otlp-header` over it (a flag's header
 * replaces the file's of the same name); undefined when neither says anything.
 */
export function otlpOverride(file: unknown, endpoint: string | undefined, headers: string[]): Record<string, unknown> | undefined {
  if (endpoint === undefined && headers.length === 0) return undefined;
  if (endpoint !== undefined && !/^https?:\/\/./.test(endpoint)) throw new UsageError(`--otlp-endpoint must be an http(s):// URL, not '${endpoint}'`);
  const fromFile = (typeof file === 'object' && file !== null ? file : {}) as { endpoint?: unknown; headers?: Record<string, string> };
  const merged = { ...fromFile, headers: { ...fromFile.headers, ...Object.fromEntries(headers.map(headerOf)) } };
  if (endpoint !== undefined) return { ...merged, endpoint };
  if (fromFile.endpoint === undefined) throw new UsageError('--otlp-header needs --otlp-endpoint (or otlp.endpoint in the config file)');
  return merged;
}
