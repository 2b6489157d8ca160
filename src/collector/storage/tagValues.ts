/** A page view's custom tags as the tag filter and facet name them: `name:value` (`experiment:checkout-b`). */
export const tagValues = (tags: Readonly<Record<string, string>> = {}): string[] => Object.entries(tags).map(([name, value]) => `${name}:${value}`);
