import type { FrameScript } from '../../protocol/beacon.js';
import { MAX_FRAME_SCRIPTS, MAX_NAME } from '../../protocol/limits.js';
import { round } from '../../protocol/round.js';
import { scrubSelector } from '../scrubSelector.js';
import { stripUrl } from '../stripUrl.js';

/**
 * The scripts of long animation frames as the beacon carries them: every one up to
 * `MAX_FRAME_SCRIPTS`, the longest kept. For `classic-script` / `module-script` the invoker is
 * the script's URL, so it is stripped like any URL; other invokers name an element like a
 * selector (`BUTTON#buy.onclick`, `IMG[src=…].onload`) and are scrubbed like one.
 */
export function toFrameScripts(scripts: readonly PerformanceScriptTiming[]): FrameScript[] {
  return [...scripts]
    .sort((a, b) => b.duration - a.duration)
    .slice(0, MAX_FRAME_SCRIPTS)
    .map((script) => ({
      url: stripUrl(script.sourceURL),
      fn: script.sourceFunctionName.slice(0, MAX_NAME),
      invoker: (script.invokerType.endsWith('-script') ? stripUrl : scrubSelector)(script.invoker).slice(0, MAX_NAME),
      invokerType: script.invokerType.slice(0, 32),
      char: Math.max(-1, Math.round(script.sourceCharPosition)),
      start: round(script.startTime),
      duration: round(script.duration),
      forcedLayout: round(script.forcedStyleAndLayoutDuration),
      pause: round(script.pauseDuration),
    }));
}
