import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Bot Connector as the bench plays it, on 127.0.0.1: accepts every card update, every 1:1 chat opened
 * and every message (the school's copy) at once, and counts them. Nothing is kept but the counts, so a run
 * of ten thousand submissions costs the bench no memory.
 */
export interface BenchConnector {
  /** The service URL for incoming activities (ends with `/`). */
  url: string;
  counts: { updates: number; sends: number; conversations: number; other: number };
  close(): Promise<void>;
}

export async function startBenchConnector(): Promise<BenchConnector> {
  const counts = { updates: 0, sends: 0, conversations: 0, other: 0 };
  let sequence = 0;
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const parts = (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean);
      const id = `bench-${++sequence}`;
      if (req.method === 'POST' && parts.length === 2) {
        counts.conversations += 1;
        return answer(res, 201, { id: `a:conversation-${id}`, activityId: id });
      }
      if (req.method === 'PUT' && parts[3] === 'activities') {
        counts.updates += 1;
        return answer(res, 200, { id: parts[4] });
      }
      if (req.method === 'POST' && parts[3] === 'activities') {
        counts.sends += 1;
        return answer(res, 201, { id });
      }
      counts.other += 1;
      return answer(res, 200, {});
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
