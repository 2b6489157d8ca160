/**
 * A clock of microseconds that never repeats or goes back in this process: versions and ids that
 * order as they were made, unique without reading the database first. Across a restart they keep
 * increasing as long as the host's clock does not go back by more than the restart took.
 */
export function uniqueMicroseconds(): () => number {
  let last = 0;
  return () => (last = Math.max(last + 1, Date.now() * 1000));
}
