/**
 * ClickHouse 18.16 has no query parameters (`{p:String}` is code 115 there), so every value a
 * query carries is written into its text, and this is the one place that does it: a `sql`
 * template quotes each interpolated value by its type; only another `sql` fragment goes in as it
 * is. Strings are quoted with `\` and `'` escaped, numbers must be finite, arrays become
 * `[...]`, null `NULL`. Nothing else is accepted.
 */
export class Sql {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type SqlValue = string | number | boolean | null | Sql | readonly SqlValue[];

function literal(value: SqlValue): string {
  if (value instanceof Sql) return value.text;
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  throw new Error(`not a SQL value: ${typeof value}`);
}

/** `sql\`site = ${site}\``: the fixed text as written, each value quoted by `literal`. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Sql {
  return new Sql(strings.reduce((text, part, i) => text + literal(values[i - 1] as SqlValue) + part));
}

/** `(v1, v2, …)`, the right side of an `IN` (an array literal is not one in 18.16). */
export const list = (values: readonly (string | number)[]): Sql => new Sql(`(${values.map(literal).join(', ')})`);

/** Fragments joined by a fixed separator (`' AND '`, `', '`). */
export const join = (parts: readonly Sql[], separator: string): Sql => new Sql(parts.map((part) => part.text).join(separator));

/** An identifier from a fixed list (a table, a database name the operator chose): never a request's value. */
export function identifier(name: string): Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return new Sql(name);
}
