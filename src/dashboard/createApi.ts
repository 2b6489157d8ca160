import type { AnswerOf, QueryPath } from '../protocol/queryRoutes.js';

/** No read token (401), or one that does not open this site (403): the dashboard asks for one and says which. */
export class Unauthorized extends Error {
  constructor(readonly status: 401 | 403) {
    super(status === 401 ? 'a read token is needed' : 'the read token was refused');
  }
}

/** The collector could not be reached at all (down, restarting, or the network is gone). */
export class Unreachable extends Error {}

export type Api = ReturnType<typeof createApi>;

/**
 * The collector's query API for one site, with the read token as a bearer header (never in a
 * URL). A refused request fails with the collector's stated reason; one that never reached the
 * collector fails as Unreachable, so the page can say so instead of waiting.
 */
export function createApi(site: string, token: () => string | null) {
  async function request(path: string, params: URLSearchParams = new URLSearchParams()): Promise<Response> {
    const query = params.toString();
    const bearer = token();
    let response: Response;
    try {
      response = await fetch(`/v1/sites/${encodeURIComponent(site)}/${path}${query ? `?${query}` : ''}`, {
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
    } catch (error) {
      throw new Unreachable(error instanceof Error ? error.message : String(error));
    }
    if (response.status === 401 || response.status === 403) throw new Unauthorized(response.status);
    if (!response.ok) {
      const reason = (await response.json().catch(() => ({}))) as { message?: string; error?: string };
      throw new Error(`${path}: ${reason.message ?? reason.error ?? `HTTP ${response.status}`}`);
    }
    return response;
  }
  return {
    request,
    /** A query route's answer, typed by the protocol's route map; `id` fills a route's `:id`. */
    get: async <P extends QueryPath>(path: P, params?: URLSearchParams, id = ''): Promise<AnswerOf<P>> =>
      (await request(path.replace(':id', encodeURIComponent(id)), params)).json() as Promise<AnswerOf<P>>,
  };
}
