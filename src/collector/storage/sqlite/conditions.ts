/**
 * AND-ed SQL conditions and their bound values, built from fixed fragments: a condition whose
 * value is `undefined` (a filter not set) is left out. Values are always bound, never SQL.
 */
export function conditions() {
  const clauses: string[] = [];
  const params: unknown[] = [];
  return {
    add(clause: string, value: unknown): void {
      if (value === undefined) return;
      clauses.push(clause);
      params.push(value);
    },
    where: () => clauses.join(' AND '),
    params,
  };
}
