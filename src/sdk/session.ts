import { randomId } from './randomId.js';

const SESSION_KEY = 'pageprof.session';

/**
 * The session id lives in `sessionStorage` (one tab's life, never a cookie). Where storage is
 * blocked the session is this page view alone.
 */
export function sessionId(): string {
  try {
    const existing = sessionStorage.getItem(SESSION_KEY);
    if (existing) return existing;
    const created = randomId();
    sessionStorage.setItem(SESSION_KEY, created);
    return created;
  } catch {
    return randomId();
  }
}
