import { readdir } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { UsageError } from '../config/index.js';
import { previewPage, previewPrefix } from './preview-page.js';

/** What the preview tells its pages, as server-sent events. */
export type PreviewEvent =
  | { readonly kind: 'building' }
  | { readonly kind: 'written'; readonly files: readonly string[] }
  | { readonly kind: 'built'; readonly summary: string }
  | { readonly kind: 'failed'; readonly problem: string };

/** A running preview server. */
export interface PreviewServer {
  /** Its address, `http://127.0.0.1:PORT/`. */
  readonly url: string;
  /** Tell every open preview page. */
  readonly send: (event: PreviewEvent) => void;
  readonly close: () => Promise<void>;
}

/** The first port tried, and how many after it when it is taken. */
export const defaultPort = 4400;
const portsTried = 20;

const eventText = (event: PreviewEvent) => {
  const data = event.kind === 'written' ? JSON.stringify(event.files) : event.kind === 'failed' ? JSON.stringify(event.problem) : event.kind === 'built' ? event.summary : '';
  return `event: ${event.kind}\ndata: ${data}\n\n`;
};

/**
 * Serve the output folder on 127.0.0.1 (never another interface): the files as they are, never
 * cached, and at `/` the preview page (preview-page.ts), which reloads what it shows when a
 * build writes it again. `port` is tried first, then the next ones, unless it was asked for
 * (`fixed`): then a port in use is an error.
 */
export async function startPreviewServer(options: { readonly out: string; readonly title: string; readonly port: number; readonly fixed: boolean }): Promise<PreviewServer> {
  // `dev`: every request reads the file again, with `Cache-Control: no-store`-like headers; a rebuilt brief is never stale.
  const files = sirv(options.out, { dev: true, dotfiles: false, etag: true });
  const clients = new Set<ServerResponse>();
  const outputs = async () =>
    (await readdir(options.out).catch(() => [] as string[])).filter((name) => /\.(html|pdf|docx)$/.test(name)).sort((a, b) => Number(a !== 'index.html') - Number(b !== 'index.html') || a.localeCompare(b));
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === `${previewPrefix}events`) {
      response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': briefs preview\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    if (url.pathname === '/' || url.pathname === previewPrefix) {
      void outputs().then((list) => {
        const shown = url.searchParams.get('show') ?? `/${list[0] ?? 'index.html'}`;
        // Only a path on this server is shown (never another site in the frame).
        const safe = shown.startsWith('/') && !shown.startsWith('//') ? shown : '/index.html';
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        response.end(previewPage({ title: options.title, shown: safe, outputs: list }));
      });
      return;
    }
    files(request, response, () => {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`Not in ${options.out}: ${url.pathname}\n`);
    });
  });
  // The connections of open pages would keep `close()` waiting.
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      });
    });
  let port: number | undefined;
  for (let attempt = 0; port === undefined; attempt++) {
    try {
      port = await listen(options.port + (options.fixed ? 0 : attempt));
    } catch (error) {
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (inUse && options.fixed) {
        throw new UsageError(`Port ${options.port} on 127.0.0.1 is in use (another preview?): choose another with --port, or leave --port out to take the next free one.`);
      }
      if (inUse && attempt + 1 >= portsTried) {
        throw new UsageError(`Ports ${options.port}–${options.port + portsTried - 1} on 127.0.0.1 are all in use: choose a free one with --port (0: any free port).`);
      }
      if (!inUse) throw error;
    }
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    send: (event) => {
      const text = eventText(event);
      for (const client of clients) client.write(text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.end();
        clients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
