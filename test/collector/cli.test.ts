import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/collectorProcess.js';

const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
const pageprof = (...args: string[]) => spawnSync(process.execPath, [join(projectRoot, 'dist/cli.mjs'), ...args], { encoding: 'utf8', timeout: 15_000 });

describe('the CLI', () => {
  it('tells what it does: --help on the whole and on every command, --version', () => {
    for (const args of [[], ['--help'], ['help']]) {
      const run = pageprof(...args);
      expect(run.status, args.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/usage: pageprof <command>[\s\S]*serve[\s\S]*backup[\s\S]*sourcemaps/);
    }
    expect(pageprof('--version').stdout.trim()).toBe(version);
    for (const command of ['serve', 'backup', 'sourcemaps']) {
      const run = pageprof(command, '--help');
      expect(run.status, command).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^usage: pageprof ${command}`));
    }
  });

  it("answers a user's mistake with one line naming it, exit code 2, never a stack trace", () => {
    const folder = mkdtempSync(join(tmpdir(), 'pageprof-cli-'));
    const malformed = join(folder, 'sites.json');
    writeFileSync(malformed, '{"sites": [');
    const invalid = join(folder, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ sites: [{ id: 'shop', writeKey: 'shop-write-key', readToken: 'short', origins: ['*'] }] }));
    const cases: [string[], RegExp][] = [
      [['sever'], /^pageprof: unknown command 'sever' \(did you mean 'serve'\?\)/],
      [['serve', '--prot', '8080'], /^pageprof serve: unknown option --prot \(did you mean '--port'\?\)$/],
      [['serve', '--port', 'abc'], /^--port must be a whole number from 0 to 65535, not 'abc'$/],
      [
        ['serve', '--origin', 'https://app.test/page'],
        /^--origin must be scheme:\/\/host\[:port\], as a browser sends it \(https:\/\/app.test\), not 'https:\/\/app.test\/page'$/,
      ],
      [['serve', '--config', invalid, '--origin', 'https://app.test'], new RegExp(`^--origin is the demo site's; give a site's origins in ${invalid}$`)],
      [['serve', '--port'], /^pageprof serve: --port needs a value$/],
      [['serve', '--config', join(folder, 'missing.json')], new RegExp(`^config file ${join(folder, 'missing.json')}: no such file$`)],
      [['serve', '--config', malformed], new RegExp(`^config file ${malformed} is not JSON: `)],
      [['serve', '--config', invalid], new RegExp(`^config file ${invalid}: invalid config: /sites/0/readToken must NOT have fewer than 32 characters$`)],
      [
        ['serve', '--storage', join(folder, 'no/such/folder/pageprof.db')],
        new RegExp(`^the folder of the SQLite file .* does not exist: ${join(folder, 'no/such/folder')}$`),
      ],
      [['serve', '--storage', 'postgres://db/x'], /^--storage must be sqlite:PATH or clickhouse:URL, not 'postgres:\/\/db\/x'$/],
      // A URL that does not parse is not echoed: it may hold a password.
      [['serve', '--storage', 'clickhouse://user:secret@host:8123/db'], /^--storage clickhouse: needs a URL, http:\/\/USER:PASSWORD@HOST:8123\/DATABASE$/],
      [['serve', '--storage', 'clickhouse:ftp://host/db'], /^ClickHouse URL must be http\(s\):\/\/…, not ftp:$/],
      [['serve', '--storage', 'clickhouse:http://host:8123/db?cluster=pageprof'], /^a ClickHouse cluster needs its ZooKeeper: add &zookeeper=HOST:PORT$/],
      [['serve', '--otlp-endpoint', 'ftp://otlp.example'], /^--otlp-endpoint must be an http\(s\):\/\/ URL, not 'ftp:\/\/otlp.example'$/],
      [['serve', '--otlp-endpoint', 'http://otlp.example', '--otlp-header', 'no-value'], /^--otlp-header must be 'key=value', not 'no-value'$/],
      [['serve', '--otlp-header', 'x-api-key=k'], /^--otlp-header needs --otlp-endpoint \(or otlp.endpoint in the config file\)$/],
      [['sourcemaps', 'upload', folder, '--release', 'r1'], /^pageprof sourcemaps upload: --token is required/],
      [['sourcemaps', 'uplod'], /^pageprof sourcemaps: unknown action 'uplod'/],
    ];
    for (const [args, message] of cases) {
      const run = pageprof(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr.trim(), args.join(' ')).toMatch(message);
    }
  });
});
