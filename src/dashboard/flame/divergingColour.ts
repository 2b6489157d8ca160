/**
 * A colour for a change, from ColorBrewer's PuOr diverging scheme (safe for the common colour
 * vision deficiencies): purple-blue where a frame takes a smaller share than before, orange where
 * it takes a larger one, near-white where nothing changed. `change` is clamped to -1..1.
 */
const FASTER = [84, 39, 136];
const SAME = [247, 247, 247];
const SLOWER = [179, 88, 6];

export function divergingColour(change: number): string {
  const amount = Math.min(1, Math.abs(change));
  const towards = change < 0 ? FASTER : SLOWER;
  const [r, g, b] = SAME.map((channel, i) => Math.round(channel + ((towards[i] ?? channel) - channel) * amount));
  return `rgb(${r} ${g} ${b})`;
}
