import type { Variant } from './variants.js';

/** What one page view cost, in the units the table shows. */
export interface Sample {
  bundleKb: number;
  loadScript: number;
  loadTask: number;
  workScript: number;
  workTask: number;
  requests: number;
  sentKb: number;
  receivedKb: number;
  heapMb: number;
  /** Distinct profiles delivered: one sent twice counts once. */
  profiles: number;
  /** pageprof's events in accepted uploads, and how many of them were distinct (0 for the peers). */
  eventsSent: number;
  eventsDistinct: number;
  /** Intake answers that were not 2xx (e.g. a beacon the collector refused). */
  refused: number;
}

interface Row {
  label: string;
  key: keyof Sample;
  digits: number;
  /** Ratio of medians to no SDK, for measures that no SDK has too. */
  ratio?: boolean;
  /** Also the difference of medians to no SDK. */
  added?: boolean;
}

const rows: Row[] = [
  { label: 'SDK files loaded, gzip (KB)', key: 'bundleKb', digits: 1 },
  { label: 'main-thread script CPU at load (ms)', key: 'loadScript', digits: 1, ratio: true },
  { label: 'main-thread task CPU at load (ms)', key: 'loadTask', digits: 1, ratio: true },
  { label: 'main-thread script CPU, workload (ms)', key: 'workScript', digits: 0, ratio: true },
  { label: 'main-thread task CPU, workload (ms)', key: 'workTask', digits: 0, ratio: true },
  { label: 'requests per page view (preflights incl.)', key: 'requests', digits: 0 },
  { label: 'bytes sent per page view, headers + bodies (KB)', key: 'sentKb', digits: 1 },
  { label: 'bytes received per page view, headers + bodies (KB)', key: 'receivedKb', digits: 1 },
  { label: 'JS heap after the workload and GC (MB)', key: 'heapMb', digits: 2, ratio: true, added: true },
];

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function cell(row: Row, values: number[], baseline: number[]): string {
  const [low, high, mid] = [Math.min(...values), Math.max(...values), median(values)];
  let text = mid.toFixed(row.digits);
  if (high - low >= 10 ** -row.digits) text += ` (${low.toFixed(row.digits)}–${high.toFixed(row.digits)})`;
  const base = median(baseline);
  if (row.ratio && base > 0) text += ` ×${(mid / base).toFixed(2)}`;
  if (row.added) text += ` ${mid - base >= 0 ? '+' : '−'}${Math.abs(mid - base).toFixed(row.digits)}`;
  return text;
}

/** The results as a Markdown table: a column per variant, medians with (min–max) and ratios to no SDK. */
function resultsTable(variants: Variant[], samples: Record<string, Sample[]>): string {
  const baseline = samples[variants[0]!.name] ?? [];
  const lines = [`| | ${variants.map((variant) => variant.label).join(' | ')} |`, `|---|${variants.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const cells = variants.map((variant) =>
      cell(
        row,
        (samples[variant.name] ?? []).map((sample) => sample[row.key]),
        baseline.map((sample) => sample[row.key]),
      ),
    );
    lines.push(`| ${row.label} | ${cells.join(' | ')} |`);
  }
  const delivered = variants.map((variant) => {
    const views = samples[variant.name] ?? [];
    if (!variant.profiles) return '–';
    const counts = views.map((sample) => sample.profiles);
    return `${counts.filter((count) => count > 0).length} of ${views.length} (${median(counts)}, ${Math.min(...counts)}–${Math.max(...counts)})`;
  });
  lines.push(`| page views whose profile reached its collector (distinct profiles per view) | ${delivered.join(' | ')} |`);
  // The same event in several uploads (the worker's upload and the exit beacon): bytes the collector only deduplicates.
  const resent = variants.map((variant) => {
    const views = (samples[variant.name] ?? []).filter((sample) => sample.eventsDistinct > 0);
    return views.length ? `×${median(views.map((sample) => sample.eventsSent / sample.eventsDistinct)).toFixed(2)}` : '–';
  });
  lines.push(`| pageprof events on the wire per distinct event | ${resent.join(' | ')} |`);
  const refused = variants.map((variant) => String((samples[variant.name] ?? []).reduce((sum, sample) => sum + sample.refused, 0)));
  lines.push(`| intake answers not 2xx, all views | ${refused.join(' | ')} |`);
  return lines.join('\n');
}

export interface RunFacts {
  date: string;
  loads: number;
  machine: string;
  /** How busy the machine was. */
  load: string;
  seconds: number;
  versions: Record<string, string>;
  note: string | undefined;
}

/** bench/results/latest.md: when and where, the table, and how each figure was taken. */
export function resultsDocument(variants: Variant[], samples: Record<string, Sample[]>, run: RunFacts): string {
  return [
    `# bench:peers, ${run.date}`,
    '',
    `${run.loads} page views per variant, each in a fresh Chromium, variants in turn; ${run.machine}; ${run.load}; ${run.seconds} s in all.`,
    `${Object.entries(run.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}.`,
    ...(run.note ? ['', run.note] : []),
    '',
    resultsTable(variants, samples),
    '',
    'Medians, (min–max), ×: ratio of medians to no SDK. CPU is main-thread thread time from CDP',
    '`Performance.getMetrics` (`timeDomain: threadTicks`): `ScriptDuration` and `TaskDuration` from the',
    'navigation to 600 ms after `load`, then from there to the end of the workload. Bytes are counted',
    'at the intake as they arrived (HTTP/1.1: request line, headers, body; status line, headers, body),',
    'every request of the page view, preflights included, up to 1 s after the last one once the view has',
    'ended by a link to another page (KB: 1,024 B). Bytes received from Sentry and Datadog are the bench',
    "intake's minimal answers, pageprof's its collector's. The heap is `Runtime.getHeapUsage` after",
    '`HeapProfiler.collectGarbage`, before the view ends (MB: 10⁶ B). SDK files: gzip -9 of every file',
    'the page fetched under /sdk/. A profile counts once however often it was sent.',
  ].join('\n');
}
