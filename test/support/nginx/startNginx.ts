import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../clickhouse/freePorts.js';
import { serverProcess, type ServerProcess } from '../clickhouse/serverProcess.js';

export const NGINX = '/usr/sbin/nginx';

/** Whether nginx is here; under CI=true its absence fails the run (.ci/run installs it). */
export function nginxInstalled(): boolean {
  const found = existsSync(NGINX);
  if (!found && process.env.CI === 'true') throw new Error('nginx is missing, and CI=true: apt-get install -y nginx');
  if (!found) console.log('nginx tests skipped: no nginx here (Debian: apt-get install -y nginx)');
  return found;
}

export interface Nginx extends ServerProcess {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
}

/**
 * nginx in front of `collectors`, as README's "Scale-out" has it: round robin, a POST whose
 * collector fails retried on the next one, and (for a test's reference) every beacon also sent
 * to `mirror` (nginx's `mirror`: a copy of the request, its answer ignored). Loopback only, from a
 * config in a temp folder.
 */
export async function startNginx(collectors: string[], mirror?: string): Promise<Nginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'pageprof-nginx-'));
  for (const dir of ['temp', 'logs']) mkdirSync(join(prefix, dir));
  const [port] = await freePorts(1);
  const hostOf = (origin: string) => new URL(origin).host;
  const proxy = `proxy_pass http://collectors;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_next_upstream error timeout http_502 non_idempotent;
      proxy_next_upstream_tries 3;`;
  const config = `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${prefix}/temp/body;
  proxy_temp_path ${prefix}/temp/proxy;
  fastcgi_temp_path ${prefix}/temp/fastcgi;
  uwsgi_temp_path ${prefix}/temp/uwsgi;
  scgi_temp_path ${prefix}/temp/scgi;
  upstream collectors {
    ${collectors.map((origin) => `server ${hostOf(origin)} max_fails=1 fail_timeout=60s;`).join('\n    ')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      ${proxy}
    }
    location = /v1/beacon {
      ${proxy}
      ${mirror ? 'mirror /mirror;\n      mirror_request_body on;' : ''}
    }
    location = /mirror {
      internal;
      proxy_pass http://${mirror ? hostOf(mirror) : '127.0.0.1:9'}$request_uri;
      proxy_set_header Host $http_host;
    }
  }
}
`;
  const file = join(prefix, 'nginx.conf');
  writeFileSync(file, config);
  const origin = `http://127.0.0.1:${port}`;
  const ready = async () => (await fetch(`${origin}/pageprof.js`, { method: 'HEAD' })).status < 500;
  const server = serverProcess(NGINX, ['-p', prefix, '-c', file, '-g', 'daemon off;'], join(prefix, 'logs/stdout.log'), ready);
  await server.start();
  return Object.assign(server, { origin });
}
