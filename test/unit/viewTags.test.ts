import { describe, expect, it } from 'vitest';
import { MAX_TAG_VALUE, MAX_TAGS } from '../../src/protocol/limits.js';
import { parseTags, viewTags } from '../../src/sdk/viewTags.js';

describe("a page view's custom tags", () => {
  it('keeps up to five identifier-named tags, coerces numbers and booleans, removes with null, and ignores the rest', () => {
    let current: Record<string, string> | undefined;
    const tags = viewTags((next) => (current = next));
    tags.set('experiment', 'checkout-b');
    tags.set('cohort', 7);
    tags.set('beta', true);
    for (const odd of [undefined, 42, '', '1st', 'has space', 'a'.repeat(40), {}, '__proto__']) tags.set(odd, 'x');
    tags.set('tenant', { toString: () => 'acme' });
    tags.set('tenant', Symbol('acme'));
    expect(current).toEqual({ experiment: 'checkout-b', cohort: '7', beta: 'true' });
    tags.set('tenant', 'x'.repeat(200));
    tags.set('region', 'eu');
    tags.set('sixth', 'over');
    expect(Object.keys(current ?? {})).toHaveLength(MAX_TAGS);
    expect(current?.tenant).toHaveLength(MAX_TAG_VALUE);
    expect(current?.sixth).toBeUndefined();
    // Replacing one of the five is always possible; removing makes room.
    tags.set('region', 'us');
    tags.set('cohort', null);
    tags.set('sixth', 'now');
    expect(current).toMatchObject({ region: 'us', sixth: 'now' });
    for (const name of Object.keys(current ?? {})) tags.set(name, undefined);
    expect(current).toBeUndefined();
  });

  it('reads data-tags as comma-separated name=value pairs', () => {
    expect(parseTags('experiment=checkout-b, tenant = acme,broken,=x,y=')).toEqual({ experiment: 'checkout-b', tenant: 'acme' });
    expect(parseTags(undefined)).toBeUndefined();
  });
});
