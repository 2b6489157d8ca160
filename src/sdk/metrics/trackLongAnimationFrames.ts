import type { FrameEvent, FrameScript } from '../../protocol/beacon.js';
import { observe } from '../observe.js';
import { round } from '../../protocol/round.js';
import { toFrameScripts } from './toFrameScripts.js';

/** Frames reported per page view at most; a janky page would otherwise fill beacons with them. */
const MAX_FRAMES = 100;
/** Frames kept for attributing interactions: an interaction spans a few frames at most. */
const KEPT_FRAMES = 20;

/**
 * Long animation frames (≥ 50 ms): each becomes a `loaf` event with every script that ran in it
 * (competitors keep only the first). The most recent frames are kept so the interactions tracker
 * can attribute an interaction to the scripts of the frames it overlapped.
 */
export function trackLongAnimationFrames(record: (event: FrameEvent) => void) {
  const recent: PerformanceLongAnimationFrameTiming[] = [];
  let reported = 0;
  const handle = (entries: PerformanceLongAnimationFrameTiming[]) => {
    for (const frame of entries) {
      recent.push(frame);
      if (recent.length > KEPT_FRAMES) recent.shift();
      if (reported++ < MAX_FRAMES) record(toFrameEvent(frame));
    }
  };
  const observer = observe('long-animation-frame', handle);

  return {
    /** Takes entries the browser has not delivered yet, so nothing is lost at page exit. */
    flush: () => observer && handle(observer.takeRecords() as PerformanceLongAnimationFrameTiming[]),
    /** The scripts of every kept frame that overlaps `start`..`end`, longest first. */
    scriptsBetween: (start: number, end: number): FrameScript[] =>
      toFrameScripts(recent.filter((frame) => frame.startTime < end && frame.startTime + frame.duration > start).flatMap((frame) => frame.scripts)),
  };
}

function toFrameEvent(frame: PerformanceLongAnimationFrameTiming): FrameEvent {
  const scripts = toFrameScripts(frame.scripts);
  return {
    type: 'loaf',
    // The longest script's invoker (`BUTTON#buy.onclick`, `TimerHandler:setTimeout`) names the frame.
    name: scripts[0]?.invoker || 'frame',
    start: round(frame.startTime),
    duration: round(frame.duration),
    blocking: round(frame.blockingDuration),
    renderStart: round(frame.renderStart),
    styleLayoutStart: round(frame.styleAndLayoutStart),
    ...(frame.firstUIEventTimestamp > 0 ? { firstInput: round(frame.firstUIEventTimestamp) } : {}),
    scripts,
  };
}
