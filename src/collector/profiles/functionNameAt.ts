/** `function name(`, `async function* name(` */
const DECLARATION = /^(?:async\s+)?function\s*\*?\s*([\w$]+)/;
/** A method: `name(`, `async name(`, `get name(` */
const METHOD = /^(?:(?:async|get|set|static)\s+)*\*?\s*([\w$]+)\s*\(/;
/** What precedes a function expression or arrow assigned to a name: `const name = `, `name: ` */
const ASSIGNED = /(?:^|[\s,{;(])([\w$]+)\s*[:=]\s*(?:async\s*)?$/;

/**
 * The name of the function that starts at `line`/`column` (1-based line, 0-based column) of an
 * original source, read from the source text. Minifiers inline and mangle functions, and their
 * maps often carry no name at a function's start; the original text still says it.
 */
export function functionNameAt(source: string, line: number, column: number): string | undefined {
  const text = source.split('\n', line)[line - 1];
  if (text === undefined) return undefined;
  const after = text.slice(column);
  const before = text.slice(0, column);
  return DECLARATION.exec(after)?.[1] ?? ASSIGNED.exec(before)?.[1] ?? (after.startsWith('function') ? undefined : METHOD.exec(after)?.[1]);
}
