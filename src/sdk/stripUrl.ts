/** Query strings and fragments often carry personal data; by default only origin and path are kept. */
export function stripUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin + parsed.pathname;
  } catch {
    return url.split(/[?#]/)[0] ?? '';
  }
}
