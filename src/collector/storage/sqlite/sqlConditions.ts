/**
 * Conditions joined with AND, each kept only when its value is set (`undefined` leaves it out).
 * The fragments are fixed SQL chosen by the caller; every value is a bound parameter.
 */
export function sqlConditions(conditions: [fragment: string, value: unknown][]): { where: string; params: unknown[] } {
  const set = conditions.filter(([, value]) => value !== undefined);
  return { where: set.map(([fragment]) => fragment).join(' AND '), params: set.map(([, value]) => value) };
}
