import type { AnswerOf, QueryPath } from '../protocol/queryRoutes.js';

/** No read token, or one that does not open this site: the dashboard asks for one. */
export class Unauthorized extends Error {}

export type Api = ReturnType<typeof createApi>;

/**
 * The collector's query API for one site, with the read token as a bearer header (never in a
 * URL). A refused request fails with the collector's stated reason.
 */
export function createApi(site: string, token: () => string | null) {
  async function request(path: string, params: URLSearchParams): Promise<Response> {
    const query = params.toString();
    const bearer = token();
    const response = await fetch(`/v1/sites/${encodeURIComponent(site)}/${path}${query ? `?${query}` : ''}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
    if (response.status === 401 || response.status === 403) throw new Unauthorized();
    if (!response.ok) {
      const reason = ((await response.json().catch(() => ({}))) as { message?: string; error?: string });
      throw new Error(`${path}: ${reason.message ?? reason.error ?? `HTTP ${response.status}`}`);
    }
    return response;
  }
  return {
    request,
    /** A query route's answer, typed by the protocol's route map. */
    get: async <P extends QueryPath>(path: P, params: URLSearchParams): Promise<AnswerOf<P>> => (await request(path, params)).json() as Promise<AnswerOf<P>>,
  };
}
