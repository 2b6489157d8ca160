const KEY = 'pageprof-read-token';

/**
 * The site's read token. It arrives in the URL fragment (`#token=…`, printed by `pageprof serve`),
 * which browsers never send to a server nor put in a Referer; it is kept in sessionStorage for
 * the tab's life and removed from the address bar so it is not copied along with the URL.
 */
export function readToken(): string | null {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    sessionStorage.setItem(KEY, fromFragment);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(KEY);
}

/** Keeps a token typed into the dashboard's form for the rest of the session. */
export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}
