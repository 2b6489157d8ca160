import { readToken, saveToken } from './readToken.js';

/**
 * The dashboard page: reads the collector's query API and renders tables. Every string that came
 * from a page is set as text, never as HTML.
 */
interface MeasureRow {
  name: string;
  count: number;
  p50: number;
  p75: number;
  p95: number;
}

interface ViewRow {
  id: string;
  url: string;
  release: string | null;
  startedAt: number;
  events: number;
}

const REFRESH_MS = 5000;
const site = new URLSearchParams(location.search).get('site') ?? 'demo';

class Unauthorized extends Error {}

async function getJson<T>(path: string): Promise<T> {
  const token = readToken();
  const response = await fetch(`/v1/sites/${encodeURIComponent(site)}/${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (response.status === 401 || response.status === 403) throw new Unauthorized();
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Without a valid token the dashboard asks for one instead of showing empty tables. */
function askForToken(): void {
  const form = document.getElementById('auth');
  if (form instanceof HTMLFormElement) form.hidden = false;
}

document.getElementById('auth')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('token');
  if (input instanceof HTMLInputElement && input.value.trim() !== '') saveToken(input.value.trim());
  location.reload();
});

function cell(text: string, numeric = false): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (numeric) td.className = 'num';
  return td;
}

function fillTable(id: string, rows: HTMLTableCellElement[][], columns: number): void {
  const body = document.querySelector(`#${id} tbody`);
  if (!body) return;
  const trs = rows.map((cells) => {
    const tr = document.createElement('tr');
    tr.append(...cells);
    return tr;
  });
  if (trs.length === 0) {
    const empty = cell('No data yet.');
    empty.colSpan = columns;
    empty.className = 'empty';
    trs.push(document.createElement('tr'));
    trs[0]?.append(empty);
  }
  body.replaceChildren(...trs);
}

const ms = (value: number) => value.toFixed(1);

async function refresh(): Promise<void> {
  const [{ measures }, { views }] = await Promise.all([
    getJson<{ measures: MeasureRow[] }>('measures'),
    getJson<{ views: ViewRow[] }>('views?limit=50'),
  ]);
  fillTable(
    'measures',
    measures.map((m) => [cell(m.name), cell(String(m.count), true), cell(ms(m.p50), true), cell(ms(m.p75), true), cell(ms(m.p95), true)]),
    5,
  );
  fillTable(
    'views',
    views.map((v) => [cell(new Date(v.startedAt).toLocaleString()), cell(v.url), cell(v.release ?? '–'), cell(String(v.events), true)]),
    4,
  );
  const refreshed = document.getElementById('refreshed');
  if (refreshed) refreshed.textContent = new Date().toLocaleTimeString();
}

const siteLabel = document.getElementById('site');
if (siteLabel) siteLabel.textContent = site;
const update = () =>
  refresh().catch((error: unknown) => {
    if (error instanceof Unauthorized) askForToken();
  });
void update();
setInterval(update, REFRESH_MS);
