/**
 * The inline snippet of the README's "Adding pageprof to a site" (src/sdk/snippet.js, which the
 * dashboard may not import: a unit test keeps the two the same).
 */
export const INLINE_SNIPPET =
  '!function(w,p){w[p]=w[p]||{q:[]};"mark measure flush setRoute setTag consent".split(" ").forEach(function(m){w[p][m]=w[p][m]||function(){w[p].q.push([m,[].slice.call(arguments),performance.now()])}})}(window,"perf");';

/** The two tags a site's pages need, pointing at this collector, with the site's id and write key (or a placeholder). */
export function siteSnippet(origin: string, site: string, writeKey: string): string {
  return [
    `<script>${INLINE_SNIPPET}</script>`,
    `<script async src="${origin}/pageprof.js"`,
    `        data-site="${site}" data-key="${writeKey}"`,
    `        data-endpoint="${origin}/v1/beacon"></script>`,
  ].join('\n');
}
