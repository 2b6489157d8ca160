import type { FlameNode } from '../protocol/queryApi.js';
import type { Api } from './createApi.js';
import { renderFunctions } from './renderFunctions.js';
import { renderTargets } from './renderTargets.js';
import { replaceIfChanged } from './replaceIfChanged.js';

/** The profile query of a target (`kind:name`, as the target menu and the URL hold it) under the filters' parameters. */
export function targetParams(params: URLSearchParams, target: string): URLSearchParams {
  const query = new URLSearchParams(params);
  const [kind = 'window', ...name] = target.split(':');
  query.set('kind', kind);
  if (name.join(':')) query.set('name', name.join(':'));
  return query;
}

/** Profiles: the targets to choose from, and the chosen one's functions by self time and its flame graph. */
export async function showProfiles(api: Api, params: URLSearchParams, target: string, flameGraph: { show(tree: FlameNode): void }): Promise<void> {
  const query = targetParams(params, target);
  const limited = new URLSearchParams(query);
  limited.set('limit', '30');
  const [{ targets }, { functions }, { tree }] = await Promise.all([
    api.get('profiles/targets', params),
    api.get('profiles/functions', limited),
    api.get('profiles/tree', query),
  ]);
  const menu = document.querySelector('#target');
  if (menu instanceof HTMLSelectElement) {
    replaceIfChanged(menu, [targets, target], () => renderTargets(targets, target));
    menu.value = target;
  }
  replaceIfChanged(document.querySelector('#functions tbody') ?? document.createElement('tbody'), functions, () => renderFunctions(functions));
  flameGraph.show(tree);
}
