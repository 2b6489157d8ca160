import type { Api } from './createApi.js';
import { element } from './element.js';

/**
 * Downloads a profile export. A plain link cannot carry the read token's header, so the file is
 * fetched with it and handed to the browser as a blob URL, under the collector's file name.
 */
export async function downloadExport(api: Api, params: URLSearchParams, format: 'speedscope' | 'pprof' | 'folded'): Promise<void> {
  const query = new URLSearchParams(params);
  query.set('format', format);
  const response = await api.request('profiles/export', query);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `pageprof.${format}`;
  const href = URL.createObjectURL(await response.blob());
  const link = element('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy by then; the blob is released a little later in case it has not.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
