/**
 * Whether this session is profiled at `rate` (0..1). The answer comes from a hash of the session
 * id (FNV-1a), so every page view of a session gets the same one without storing it.
 */
export function isProfiledSession(session: string, rate: number): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < session.length; i++) hash = Math.imul(hash ^ session.charCodeAt(i), 0x01000193);
  return (hash >>> 0) / 2 ** 32 < rate;
}
