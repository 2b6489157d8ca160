import type { AcceptedBeacon, ProfileEvent, ProfileEventV1 } from '../../protocol/beacon.js';
import { MAX_PROFILES_PER_BEACON, MAX_ROWS_PER_BEACON } from '../../protocol/limits.js';

/**
 * How far past its beacon's `sentAt` an event may end: the page's clocks for the two are not the
 * same clock (`Date.now()` and the time origin drift apart across sleeps and clock adjustments).
 */
const SEND_SLACK_MS = 10 * 60_000;

export type Consistency = { ok: true; rows: number } | { ok: false; status: 400 | 413; reason: string };

/** Why a profile window's indices point outside its own arrays, naming the first such field. */
function profileProblem(event: ProfileEvent | ProfileEventV1, path: string): string | undefined {
  const { resources, frames, stacks } = event;
  const past = (field: string, index: number, of: string, length: number) => `${path}/${field} points past ${path}/${of} (index ${index}, ${length} items)`;
  for (const [i, [, resource]] of frames.entries()) {
    if (resource >= resources.length) return past(`frames/${i}/1`, resource, 'resources', resources.length);
  }
  for (const [i, [stackFrames]] of stacks.entries()) {
    for (const [j, frame] of stackFrames.entries()) if (frame >= frames.length) return past(`stacks/${i}/0/${j}`, frame, 'frames', frames.length);
  }
  for (const [i, [frame]] of event.functions.entries()) {
    if (frame >= frames.length) return past(`functions/${i}/0`, frame, 'frames', frames.length);
  }
  for (const [i, span] of event.spans.entries()) {
    for (const [j, [stack]] of span.stacks.entries()) if (stack >= stacks.length) return past(`spans/${i}/stacks/${j}/0`, stack, 'stacks', stacks.length);
  }
  return undefined;
}

/** Rows a profile window becomes: one per listed stack of the window and of each span, their remainders, and one per function. */
const profileRows = (event: ProfileEvent | ProfileEventV1) =>
  event.stacks.length +
  Number(event.other > 0) +
  event.spans.reduce((sum, span) => sum + span.stacks.length + Number(span.other > 0), 0) +
  event.functions.length;

/**
 * What a schema cannot say: a profile window's indices point into its own arrays, a beacon holds
 * at most MAX_PROFILES_PER_BEACON windows, no event ends after the beacon was sent, and the rows
 * the beacon becomes stay within MAX_ROWS_PER_BEACON (413 beyond). The answer carries those rows,
 * which the per-site budget counts.
 */
export function checkBeaconConsistency(beacon: AcceptedBeacon): Consistency {
  const latest = beacon.sentAt - beacon.view.startedAt + SEND_SLACK_MS;
  let rows = 0;
  let profiles = 0;
  for (const [i, event] of beacon.events.entries()) {
    const path = `/events/${i}`;
    const end = event.start + ('duration' in event ? event.duration : 0);
    if (end > latest) return { ok: false, status: 400, reason: `${path} ends after /sentAt: events belong to the view before the beacon was sent` };
    if (event.type !== 'profile') {
      rows++;
      continue;
    }
    if (++profiles > MAX_PROFILES_PER_BEACON)
      return { ok: false, status: 400, reason: `${path}: a beacon carries at most ${MAX_PROFILES_PER_BEACON} profile windows` };
    const problem = profileProblem(event, path);
    if (problem) return { ok: false, status: 400, reason: problem };
    rows += profileRows(event);
  }
  if (rows > MAX_ROWS_PER_BEACON)
    return { ok: false, status: 413, reason: `the beacon would be ${rows} rows, more than the ${MAX_ROWS_PER_BEACON} one beacon may be` };
  return { ok: true, rows };
}
