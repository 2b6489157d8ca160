/** The first retry of an upload waits about this long; each next one twice as long, up to a minute. */
const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 60_000;

/**
 * Backoff of the page's and the worker's uploads alike: `attempt` 0 is the first retry. Each delay
 * is drawn between half and all of its step (jitter), so that the pages of a collector that went
 * down do not all come back at the same moment.
 */
export const retryDelay = (attempt: number): number => Math.min(FIRST_RETRY_MS * 2 ** attempt, LAST_RETRY_MS) * (0.5 + Math.random() / 2);
