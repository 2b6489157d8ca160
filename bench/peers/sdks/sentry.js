// Sentry's browser SDK with tracing and UI profiling, as its docs set them up: every page view
// traced and profiled while a root span (the pageload, an interaction) is active. The DSN points
// at the bench's intake; profiling needs the document's `Document-Policy: js-profiling` header.
import { browserProfilingIntegration, browserTracingIntegration, init } from '@sentry/browser';

init({
  dsn: `http://0123456789abcdef0123456789abcdef@${__INTAKE__.replace(/^http:\/\//, '')}/1`,
  release: 'bench-shop@1.0.0',
  environment: 'bench',
  integrations: [browserTracingIntegration(), browserProfilingIntegration()],
  tracesSampleRate: 1,
  profileSessionSampleRate: 1,
  profileLifecycle: 'trace',
});
