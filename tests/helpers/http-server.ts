import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received, in the order received. */
export interface RecordedRequest {
  readonly method: string;
  /** The request target as sent: path and query, e.g. `/page?x=1`. */
  readonly url: string;
  /** Header names in lower case, as Node gives them. */
  readonly headers: IncomingHttpHeaders;
}

/** Answers one request. It may leave the response open (a server that never answers). */
export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A local HTTP server for tests, on 127.0.0.1 at a random port.
 *
 * - `route(path, ...handlers)`: answer requests for `path` (the path without the query) with
 *   the handlers in turn, the last one repeated for every later request. Calling it again for a
 *   path replaces its handlers and starts again from the first. A path with no route gets 404.
 * - `url(path)`: the full address of `path` on this server.
 * - `requests`: every request received (method, url, headers), whatever its path.
 * - `close()`: stop, destroying open connections, so a response left hanging ends too.
 *
 * Use with `reply(...)` for plain answers, or write a handler for anything else.
 */
export interface TestServer {
  readonly origin: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  url(path: string): string;
  route(path: string, ...handlers: Handler[]): void;
  close(): Promise<void>;
}

/** A handler answering `status` with `body` (none if omitted) and `headers`. */
export function reply(status: number, body?: string | Uint8Array, headers: http.OutgoingHttpHeaders = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}

/** Start a server; `close()` it when done (e.g. in `afterAll`). */
export async function startHttpServer(): Promise<TestServer> {
  const routes = new Map<string, { handlers: Handler[]; served: number }>();
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    // A client that goes away mid-answer (a size limit, a timeout) is expected here, not an error.
    response.on('error', () => undefined);
    const route = routes.get(new URL(request.url ?? '/', 'http://localhost').pathname);
    const handler = route ? route.handlers[Math.min(route.served++, route.handlers.length - 1)] : undefined;
    (handler ?? reply(404, 'no route'))(request, response);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    requests,
    url: (path) => new URL(path, origin).href,
    route: (path, ...handlers) => {
      if (handlers.length === 0) throw new Error(`route(${JSON.stringify(path)}) needs at least one handler`);
      routes.set(path, { handlers, served: 0 });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
