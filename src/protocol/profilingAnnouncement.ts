/**
 * The `Server-Timing` entry with which pageprof/server says on each document it answers whether it
 * sent `Document-Policy: js-profiling` (`js-profiling;desc=on`, `desc=off`). A page cannot read its
 * own response headers but can read this: where it says off, the SDK constructs no `Profiler`, which
 * the browser would refuse with a console error ("Document policy violation") on every page view.
 */
export const PROFILING_ANNOUNCEMENT = 'js-profiling';
