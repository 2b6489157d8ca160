import { closest, distance } from 'fastest-levenshtein';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how a command was called: one line for the user, exit code 2, no stack trace. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** ` (did you mean 'serve'?)` when `given` is a small edit away from one of `known`, else nothing. */
export function nearest(given: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const guess = closest(given, [...known]);
  return distance(given, guess) <= Math.max(2, given.length / 3) ? ` (did you mean '${guess}'?)` : '';
}

/**
 * A command's flags (`node:util`'s parseArgs), with the mistakes a user makes said in one line: an
 * unknown flag with the nearest known one, a flag missing its value. `--help` is every command's.
 */
export function parseFlags<T extends Options>(command: string, args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown)
      throw new UsageError(
        `pageprof ${command}: unknown option ${unknown}${nearest(
          unknown,
          [...Object.keys(options), 'help'].map((name) => `--${name}`),
        )}`,
      );
    const missing = /Option '(-{1,2}[^ ']+)[^']*' argument missing/.exec(message)?.[1];
    if (missing) throw new UsageError(`pageprof ${command}: ${missing} needs a value`);
    throw new UsageError(`pageprof ${command}: ${message}`);
  }
}

/** A whole number within bounds, from a flag's text, or a usage error naming the flag. */
export function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not '${text}'`);
  return value;
}

/** Runs `read`, whose errors are the user's to mend (a config file, a path): they become usage errors. */
export function usersMistake<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message);
  }
}
