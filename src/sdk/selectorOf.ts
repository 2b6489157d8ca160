/**
 * A short CSS selector naming an element for reports: `tag#id` or `tag.class`, its ancestors
 * prepended until an id is reached or the selector would pass 100 characters. Enough to find the
 * element in the app's code; not guaranteed unique.
 */
export function selectorOf(node: Node | null | undefined): string {
  let selector = '';
  for (let element = node instanceof Element ? node : null; element; element = element.parentElement) {
    const name = element.id ? `${element.localName}#${element.id}` : element.localName + [...element.classList].map((cls) => `.${cls}`).join('');
    if (selector && selector.length + name.length > 100) break;
    selector = selector ? `${name}>${selector}` : name;
    if (element.id || element.localName === 'body') break;
  }
  return selector;
}
