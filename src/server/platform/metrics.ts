import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one app instance (its own registry, so tests can build many apps). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly httpErrors: Counter<'code'>;

  constructor(withDefaults: boolean) {
    if (withDefaults) collectDefaultMetrics({ register: this.registry, prefix: 'tongban_' });
    this.httpDuration = new Histogram({
      name: 'tongban_http_request_duration_seconds',
      help: 'HTTP request duration by route template',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.httpErrors = new Counter({
      name: 'tongban_http_errors_total',
      help: 'API errors by stable error code',
      labelNames: ['code'],
      registers: [this.registry],
    });
  }
}
