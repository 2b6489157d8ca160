/** `pageprof/server`: helpers for the site's own server. */
export { isDocumentRequest, profilingHeader, type ProfilingHeaderOptions } from './profilingHeader.js';
