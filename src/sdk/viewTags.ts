import { MAX_TAG_VALUE, MAX_TAGS, TAG_NAME_PATTERN } from '../protocol/limits.js';

const TAG_NAME = new RegExp(TAG_NAME_PATTERN);

/**
 * A page view's custom tags, as `view.tags` carries them in every batch made after they change.
 * `set` takes a string, number or boolean (cut to MAX_TAG_VALUE); null, undefined or '' removes
 * the tag. A name that is not an identifier, any other value, and a tag past the first MAX_TAGS
 * are ignored: a page's odd call never throws and never costs a beacon its place.
 */
export function viewTags(apply: (tags: Record<string, string> | undefined) => void) {
  const tags = new Map<string, string>();
  function set(name: unknown, value: unknown): void {
    if (typeof name !== 'string' || !TAG_NAME.test(name)) return;
    if (value === null || value === undefined || value === '') tags.delete(name);
    else if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
    else if (tags.has(name) || tags.size < MAX_TAGS) tags.set(name, String(value).slice(0, MAX_TAG_VALUE));
    apply(tags.size > 0 ? Object.fromEntries(tags) : undefined);
  }
  return { set };
}

/** `data-tags="experiment=checkout-b, tenant=acme"`: name=value pairs, comma-separated. */
export function parseTags(attribute: string | undefined): Record<string, string> | undefined {
  if (!attribute) return undefined;
  const pairs = attribute.split(',').map((pair) => pair.split('=').map((part) => part.trim()));
  return Object.fromEntries(pairs.filter((pair) => pair.length === 2 && pair[0] && pair[1]));
}
