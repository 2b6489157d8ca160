/**
 * What the benchmark compares: one page and workload, loaded with each SDK as its docs set it up.
 * The peers are bundled from bench/node_modules (see peerBundles.ts); pageprof is the built
 * dist/pageprof.js, served beside its lazily loaded profile processor.
 */
export type Peer = 'webvitals' | 'sentry' | 'datadog';

export interface Variant {
  name: string;
  /** The column heading in the results. */
  label: string;
  /** The head tags that load the SDK; `intake` is the origin every SDK uploads to. */
  tags(intake: string): string;
  /**
   * The document's `Document-Policy` (what profiling needs): none, this value, or as pageprof/server's
   * `profilingHeader()` sends it.
   */
  documentPolicy: 'none' | 'js-profiling' | 'js-profiling, js-profiling-mode=lazy' | 'pageprof';
  /** Whether its page views should deliver a profile. */
  profiles: boolean;
}

const peerTag = (peer: Peer) => `<script type="module" async src="/sdk/${peer}/index.js"></script>`;
const pageprofTag = (intake: string, extra = '') =>
  `<script async src="/sdk/pageprof/pageprof.js" data-site="bench" data-key="bench-public-key" ` +
  `data-endpoint="${intake}/pageprof/v1/beacon" data-release="1.0.0"${extra}></script>`;

export const variants: Variant[] = [
  { name: 'none', label: 'no SDK', tags: () => '', documentPolicy: 'none', profiles: false },
  // The header's own cost, with nothing that profiles: what every profiled variant pays on top of no SDK.
  { name: 'header', label: 'header only', tags: () => '', documentPolicy: 'js-profiling', profiles: false },
  // Chromium 156 parses the spec's newer `js-profiling-mode` (enum: lazy, eager) next to `js-profiling`:
  // whether lazy makes the header cheaper is measured here.
  { name: 'headerLazy', label: 'header, mode=lazy', tags: () => '', documentPolicy: 'js-profiling, js-profiling-mode=lazy', profiles: false },
  { name: 'webvitals', label: 'web-vitals attribution', tags: () => peerTag('webvitals'), documentPolicy: 'none', profiles: false },
  { name: 'sentry', label: 'Sentry (tracing + profiling)', tags: () => peerTag('sentry'), documentPolicy: 'js-profiling', profiles: true },
  { name: 'datadog', label: 'Datadog RUM (+ profiling)', tags: () => peerTag('datadog'), documentPolicy: 'js-profiling', profiles: true },
  { name: 'pageprof', label: 'pageprof', tags: (intake) => pageprofTag(intake), documentPolicy: 'none', profiles: false },
  // The header as pageprof/server's profilingHeader() sends it, so a cheaper policy there is measured here too.
  { name: 'profiled', label: 'pageprof profiled', tags: (intake) => pageprofTag(intake, ' data-profile-rate="1"'), documentPolicy: 'pageprof', profiles: true },
];
