// Datadog RUM with its profiler: every session tracked and profiled (the profiler is a chunk the
// SDK imports lazily). Everything goes through the `proxy` option to the bench's intake; the
// profiler needs the document's `Document-Policy: js-profiling` header.
import { datadogRum } from '@datadog/browser-rum';

datadogRum.init({
  applicationId: '00000000-0000-4000-8000-000000000000',
  clientToken: 'pub00000000000000000000000000000000',
  site: 'datadoghq.com',
  service: 'bench-shop',
  env: 'bench',
  version: '1.0.0',
  proxy: `${__INTAKE__}/dd`,
  sessionSampleRate: 100,
  profilingSampleRate: 100,
});
