import type { ProfileTarget } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatSampledMs } from './format.js';

const KINDS: Record<string, string> = {
  window: 'Whole profiles',
  interaction: 'Interaction',
  loaf: 'Long animation frame',
  longtask: 'Long task',
  measure: 'Measure',
};

/** A target's value in the target menu and the URL: `kind:name`. */
const targetValue = (kind: string, name: string) => `${kind}:${name}`;

/** The attribution targets to choose from, whole profiles first, the selected one kept even before it has data. */
export function renderProfileTargets(targets: ProfileTarget[], selected: string): HTMLOptionElement[] {
  const all = targets.some((target) => target.kind === 'window')
    ? [...targets]
    : [{ kind: 'window', name: '', count: 0, ms: 0, samples: 0, estimated: false }, ...targets];
  all.sort((a, b) => Number(b.kind === 'window') - Number(a.kind === 'window'));
  const options = all.map((target) => {
    const label = `${KINDS[target.kind] ?? target.kind}${target.name ? ` ${target.name}` : ''} — ${target.count}× · ${formatSampledMs(target.ms, target.estimated)}`;
    const option = element('option', {}, label);
    option.value = targetValue(target.kind, target.name);
    return option;
  });
  if (!options.some((option) => option.value === selected)) {
    const option = element('option', {}, selected.replace(':', ' '));
    option.value = selected;
    options.push(option);
  }
  return options;
}
