import { SAMPLE_INTERVAL_MS } from '../../protocol/workerApi.js';

/**
 * A gap longer than this after a sample, where the stack changes, is a stall of the sampler (or of
 * the whole page: a loaded machine, a suspended device), not a measure of the sample's stack: the
 * sample stands for two intervals at most, so the stack sampled before an unsampled stretch does
 * not absorb it.
 */
export const MAX_SAMPLE_MS = 2 * SAMPLE_INTERVAL_MS;

/**
 * The time each sample stands for: the gap to the next sample's timestamp. Chromium's samples are
 * not evenly spaced: V8 adds one at each deoptimization, so busy script gets bursts of samples
 * microseconds apart (staged functions of 80, 150 and 450 ms drew 41–130, 14–550 and 25–47
 * samples), and a count says nothing of time. A gap longer than `MAX_SAMPLE_MS` counts in full
 * only between two samples of the same stack, which ran at both ends: on a loaded 2-core machine
 * the sampler stalled for up to 127 ms inside the 450 ms loop, and capping every gap lost up to
 * 41% of it; capped only where the stack changed, the staged functions stayed within ±10% or
 * ±15 ms of performance.now() around them in 23 of 24 page views (the other, 19 ms short of 152,
 * beside two CPU hogs); stallCredits gives what the cap leaves out back to the stacks of a caller
 * both ends share. The last sample stands for the time to the window's end, capped.
 * The first is V8's record of the stack as the profiler started, the caller of `new Profiler()`
 * (0.2–0.4 ms after it in the recorded traces), not a stretch of the page's time: it stands for
 * none (else each window gave pageprof's own window start 10–20 ms).
 * `stacks` are the samples' stacks (-1 idle) in trace order, `timestamps` ascending.
 */
export function sampleWeights(timestamps: Float64Array, stacks: Int32Array, end: number): Float64Array {
  const weights = new Float64Array(timestamps.length);
  for (let i = 1; i < timestamps.length; i++) {
    const last = i === timestamps.length - 1;
    const gap = Math.max(0, (last ? end : (timestamps[i + 1] as number)) - (timestamps[i] as number));
    weights[i] = !last && stacks[i + 1] === stacks[i] ? gap : Math.min(gap, MAX_SAMPLE_MS);
  }
  return weights;
}
