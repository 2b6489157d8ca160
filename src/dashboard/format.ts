/** Milliseconds as people read them: `180 ms`, `2.45 s`; a dash when there is no value. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** A profile time, `≈ 300 ms` when some of it is estimated from sample counts (SDKs of protocol 1). */
export const formatSampledMs = (ms: number, estimated: boolean) => `${estimated ? '≈ ' : ''}${formatMs(ms)}`;

/** A vital's value in its unit: CLS is a unitless score, the others are times. */
export function formatVital(name: string, value: number | null | undefined): string {
  if (name !== 'CLS') return formatMs(value);
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(3);
}

/** A share (0..1) as a whole percentage. */
export const formatShare = (share: number) => `${Math.round(share * 100)}%`;

/** Bytes as people read them: `820 B`, `14.2 KB`, `3.1 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Page views sampled and the ones they stand for (each weighed 1/sampleRate): `8` when every
 * session was measured, `≈ 80 (8 sampled)` with `data-sample-rate="0.1"`.
 */
export const formatViews = (sampled: number, weighted: number) =>
  Math.abs(weighted - sampled) < 0.5 ? String(sampled) : `≈ ${Math.round(weighted).toLocaleString('en')} (${sampled} sampled)`;
