import type { FastifyInstance } from 'fastify';

/**
 * Headers every answer carries, and the error answer every route shares. A browser never guesses
 * a type the collector did not send (a beacon's text served back cannot become a script), no URL
 * of the dashboard leaks as a referrer, and a 5xx says that something failed, never what: the
 * internal message goes to the log.
 */
export function securityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
  app.setErrorHandler(async (error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : (error.message ?? 'bad request') });
  });
}
