/**
 * A page group: a path of literal segments and `:name` segments (any one segment), ending, if it
 * likes, in `*` (one or more segments).
 */
export const PAGE_GROUP_PATTERN = '^(/([^/*:?#\\s]+|:[A-Za-z_][\\w-]*))*(/\\*)?/?$';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(group: string): RegExp {
  const segments = group
    .split('/')
    .slice(1)
    .map((segment) => (segment === '*' ? '[^?#]+' : segment.startsWith(':') ? '[^/?#]+' : escapeRegExp(segment)));
  return new RegExp(`^/${segments.join('/')}$`);
}

/**
 * Stores `https://shop.example/product/blue-shirt` as `https://shop.example/product/:slug` where the
 * site's config has that group: the first group whose pattern matches the URL's whole path. The
 * origin stays; a URL no group matches is kept as it came. What a group collapses is not stored.
 */
export function pageGrouper(groups: readonly string[] = []): (url: string) => string {
  if (groups.length === 0) return (url) => url;
  const compiled = groups.map((group) => [compile(group), group] as const);
  return (url) => {
    const at = /^[a-z][a-z\d+.-]*:\/\/[^/]*/i.exec(url)?.[0].length ?? 0;
    const path = url.slice(at) || '/';
    const group = compiled.find(([pattern]) => pattern.test(path))?.[1];
    return group === undefined ? url : url.slice(0, at) + group;
  };
}
