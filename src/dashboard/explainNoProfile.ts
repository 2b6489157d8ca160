import type { ViewProfile } from '../protocol/queryApi.js';

/**
 * Why an interaction has no profile, from what its page view's profiles hold, and how to get one:
 * no window at all means the view was not profiled; windows without it mean no sample fell in it.
 */
export function explainNoProfile(profiles: readonly ViewProfile[]): string {
  if (profiles.some((profile) => profile.kind === 'window')) {
    return (
      'Its page view was profiled, but no sample fell in this interaction: it was shorter than the profiler’s 10 ms ' +
      'sampling interval, or happened outside a profiler window (none runs while the page is hidden, and at most 20 run per page view).'
    );
  }
  return (
    'Its page view was not profiled. pageprof profiles only sessions sampled by the script tag’s data-profile-rate ' +
    '(0 by default), only documents served with the response header Document-Policy: js-profiling (pageprof/server’s ' +
    'profilingHeader sets it on a fraction of them), and only in browsers with the JS Self-Profiling API (Chromium-based). ' +
    'To profile: set data-profile-rate="0.05" (say) and send the header on as many document responses; see the README’s “Profiling”.'
  );
}
