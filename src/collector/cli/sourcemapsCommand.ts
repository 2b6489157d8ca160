import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseFlags, UsageError, usersMistake } from './parseFlags.js';

const usage = `usage: pageprof sourcemaps upload <dir> --release <release> --token UPLOAD_TOKEN [--site demo]
                                [--endpoint http://127.0.0.1:8080]
Uploads every *.map below <dir>; each applies to the script of the same path without .map.
The token is the site's upload token (its uploadToken in the config; PAGEPROF_UPLOAD_TOKEN),
neither a read token nor the public write key.`;

function mapsBelow(dir: string): string[] {
  return usersMistake(() => readdirSync(dir, { recursive: true, encoding: 'utf8' }))
    .filter((path) => path.endsWith('.map'))
    .map((path) => join(dir, path));
}

/** `pageprof sourcemaps upload <dir> --release <r>`: posts a release's source maps to `POST /v1/sites/:site/sourcemaps`. Returns the exit code. */
export async function sourcemapsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    'sourcemaps',
    args,
    {
      release: { type: 'string' },
      site: { type: 'string', default: process.env.PAGEPROF_SITE ?? 'demo' },
      token: { type: 'string', default: process.env.PAGEPROF_UPLOAD_TOKEN },
      endpoint: { type: 'string', default: process.env.PAGEPROF_ENDPOINT ?? 'http://127.0.0.1:8080' },
    },
    true,
  );
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const [action, dir] = positionals;
  if (action !== 'upload')
    throw new UsageError(
      `pageprof sourcemaps: ${action === undefined ? 'say what to do' : `unknown action '${action}'`}: pageprof sourcemaps upload <dir> --release R --token T`,
    );
  if (!dir) throw new UsageError('pageprof sourcemaps upload: which folder? pageprof sourcemaps upload <dir> --release R --token T');
  if (!values.release) throw new UsageError('pageprof sourcemaps upload: --release is required (the release the maps belong to)');
  if (!values.token) throw new UsageError("pageprof sourcemaps upload: --token is required (the site's upload token, or PAGEPROF_UPLOAD_TOKEN)");
  const maps = mapsBelow(dir);
  if (maps.length === 0) {
    console.error(`no *.map files below ${dir}`);
    return 1;
  }
  let failed = 0;
  for (const path of maps) {
    const file = relative(dir, path).slice(0, -'.map'.length).split(sep).join('/');
    const url = new URL(`/v1/sites/${encodeURIComponent(values.site)}/sourcemaps`, values.endpoint);
    url.search = new URLSearchParams({ release: values.release, file }).toString();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${values.token}` },
      body: readFileSync(path, 'utf8'),
    });
    if (response.ok) {
      console.log(`uploaded ${file} (release ${values.release})`);
    } else {
      failed++;
      console.error(`${file}: ${response.status} ${await response.text()}`);
    }
  }
  return failed ? 1 : 0;
}
