import type { Request, Response, Route, Server } from 'restify';
import type { Registry } from 'prom-client';
import { secondsSince } from '../app/ports/metrics.port.js';
import type { BotMetrics } from './bot-metrics.js';
import { metricsAccess, type MetricsAccessSettings } from './metrics-access.js';

/** The route label of a request no route matched (a 404): never its path, which anyone can make up. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts and times every HTTP request the server answers, by method, route template and status, and serves
 * `GET /metrics` in Prometheus' text format to whoever `metricsAccess` lets in. Call before any other route.
 */
export function serveMetrics(server: Server, registry: Registry, metrics: Pick<BotMetrics, 'httpRequest'>, access: MetricsAccessSettings): void {
  // Kept per request, beside the server: a pre-handler runs before routing, so 404s are timed too.
  const startedAt = new WeakMap<Request, number>();
  server.pre((req: Request, _res: Response, next: () => void) => {
    startedAt.set(req, performance.now());
    next();
  });
  server.on('after', (req: Request, res: Response, route: Route | undefined) => {
    const start = startedAt.get(req);
    const template = route?.spec?.path ?? route?.path;
    metrics.httpRequest(req.method ?? 'other', template ? String(template) : UNMATCHED_ROUTE, res.statusCode, start === undefined ? 0 : secondsSince(start));
  });

  server.get('/metrics', async (req: Request, res: Response) => {
    const decision = metricsAccess(access, { authorization: req.header('authorization'), remoteAddress: req.socket.remoteAddress });
    if (decision === 'not-found') {
      res.send(404, { code: 'ResourceNotFound', message: '/metrics does not exist' });
      return;
    }
    if (decision === 'unauthorized') {
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'A valid METRICS_TOKEN is needed as a bearer token.' });
      return;
    }
    res.sendRaw(200, await registry.metrics(), { 'Content-Type': registry.contentType });
  });
}
