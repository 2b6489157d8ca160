/**
 * ARIA tabs (the WAI-ARIA Authoring Practices' pattern with automatic activation): one tab in the
 * page's Tab order, Left/Right arrows move between tabs and show them, Home and End go to the ends.
 * `onSelect` hears a choice made by the reader; `select` shows a tab the page chose.
 */
export function createTabs<T extends string>(tablist: HTMLElement, names: readonly T[], onSelect: (name: T) => void): { select(name: T): void } {
  const tabOf = (name: T) => document.getElementById(`tab-${name}`);
  function select(name: T): void {
    for (const candidate of names) {
      const tab = tabOf(candidate);
      const chosen = candidate === name;
      tab?.setAttribute('aria-selected', String(chosen));
      tab?.setAttribute('tabindex', chosen ? '0' : '-1');
      const panel = document.getElementById(candidate);
      if (panel) panel.hidden = !chosen;
    }
  }
  const choose = (name: T) => {
    select(name);
    tabOf(name)?.focus();
    onSelect(name);
  };
  tablist.addEventListener('click', (event) => {
    const name = names.find((candidate) => event.target instanceof Element && event.target.closest(`#tab-${candidate}`));
    if (name) choose(name);
  });
  tablist.addEventListener('keydown', (event) => {
    const current = names.findIndex((name) => tabOf(name) === document.activeElement);
    if (current < 0) return;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: names.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    choose(names[(next + names.length) % names.length] as T);
  });
  return { select };
}
