import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { OtlpSettings } from '../../config/Config.js';

/**
 * The OpenTelemetry SDK's meter and logger providers, exporting OTLP/HTTP (JSON) to the settings'
 * endpoint: `/v1/metrics` and `/v1/logs` under it, as OTEL_EXPORTER_OTLP_ENDPOINT means. The
 * exporters batch, and retry a refused or failed export with backoff for up to their timeout.
 */
export function createOtlpProviders({ endpoint, headers, intervalMs, maxQueue }: OtlpSettings) {
  const base = endpoint.replace(/\/+$/, '');
  const resource = resourceFromAttributes({ 'service.name': 'pageprof-collector' });
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics`, headers }),
        exportIntervalMillis: intervalMs,
        exportTimeoutMillis: Math.min(intervalMs, 30_000),
      }),
    ],
  });
  // The processor's queue holds what one pump hands over at most, so it never drops on its own
  // (it would, silently): the drops are the pump's, and counted.
  const processor = new BatchLogRecordProcessor({
    exporter: new OTLPLogExporter({ url: `${base}/v1/logs`, headers }),
    maxExportBatchSize: Math.min(512, maxQueue),
    maxQueueSize: maxQueue,
    scheduledDelayMillis: intervalMs,
  });
  const loggerProvider = new LoggerProvider({ resource, processors: [processor] });
  return { meterProvider, loggerProvider };
}
