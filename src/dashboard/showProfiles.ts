import type { Api } from './createApi.js';
import { explainNoProfile } from './explainNoProfile.js';
import type { FlameGraph } from './flame/createFlameGraph.js';
import { renderFunctions } from './renderFunctions.js';
import { renderProfileTargets } from './renderProfileTargets.js';
import { replaceIfChanged } from './replaceIfChanged.js';
import { showSection } from './showSection.js';

/** One interaction chosen by its id (from the slowest interactions or a page view's timeline), with the page view it happened in. */
export interface ChosenInteraction {
  id: number;
  view: string;
}

/** The profile query of a target (`kind:name`, as the target menu and the URL hold it) under the filters' parameters; one interaction by its id. */
export function targetParams(params: URLSearchParams, target: string, interaction?: ChosenInteraction): URLSearchParams {
  const query = new URLSearchParams(params);
  const [kind = 'window', ...name] = target.split(':');
  query.set('kind', kind);
  if (name.join(':')) query.set('name', name.join(':'));
  if (interaction && kind === 'interaction') query.set('id', String(interaction.id));
  return query;
}

/**
 * Profiles: the targets to choose from, and the chosen one's functions by self time and its flame
 * graph. A chosen interaction that has no profile says why, from its page view's profiles.
 */
export async function showProfiles(
  api: Api,
  params: URLSearchParams,
  target: string,
  interaction: ChosenInteraction | undefined,
  flameGraph: FlameGraph,
): Promise<void> {
  const query = targetParams(params, target, interaction);
  const limited = new URLSearchParams(query);
  limited.set('limit', '30');
  const [{ targets }, { functions }, { tree }] = await Promise.all([
    api.get('profiles/targets', params),
    api.get('profiles/functions', limited),
    api.get('profiles/tree', query),
  ]);
  const menu = document.querySelector('#target');
  if (menu instanceof HTMLSelectElement) {
    replaceIfChanged(menu, [targets, target], () => renderProfileTargets(targets, target));
    menu.value = target;
  }
  await showSection('#functions tbody', Promise.resolve(functions), (list) => list, renderFunctions);
  flameGraph.show(tree);
  const note = document.querySelector('#interaction-note');
  if (!(note instanceof HTMLElement)) return;
  note.hidden = !interaction || !target.startsWith('interaction:');
  if (note.hidden || !interaction) return;
  const why = tree.ms > 0 ? '' : ` It has no profile. ${explainNoProfile((await api.get('views/:id/profiles', undefined, interaction.view)).profiles)}`;
  note.textContent = `Showing one interaction (interactionId ${interaction.id}); choose the target again for all of them.${why}`;
}
