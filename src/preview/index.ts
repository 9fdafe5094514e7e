import path from 'node:path';
import type { Reporter } from '../build/index.js';
import type { Config } from '../config/index.js';
import type { Io } from '../cli/main.js';
import { startPreviewServer } from './preview-server.js';

export { defaultPort, startPreviewServer } from './preview-server.js';
export type { PreviewEvent, PreviewServer } from './preview-server.js';
export { previewPage, previewPrefix } from './preview-page.js';

/**
 * `briefs preview`: `briefs build --watch`, with the output served on 127.0.0.1 and shown in a
 * page that reloads a brief as soon as its rebuilt HTML or PDF is written (and says so when a
 * change did not build). The server stops with the watch (Ctrl-C).
 */
export async function runPreview(
  config: Config,
  reporter: Reporter,
  io: Io,
  options: { readonly port: number; readonly fixedPort: boolean; readonly quiet: boolean },
): Promise<number> {
  const server = await startPreviewServer({ out: config.out, title: config.collection.title, port: options.port, fixed: options.fixedPort });
  // The address goes to stdout even with --quiet: it is what the command is for.
  io.out(`Preview: ${server.url} (the output folder ${path.relative(io.cwd, config.out) || '.'}, reloaded as it is rebuilt)`);
  const { watchAndBuild } = await import('../cli/watch.js');
  const relative = (file: string) => `/${path.relative(config.out, file).split(path.sep).join('/')}`;
  try {
    return await watchAndBuild(config, reporter, io, {
      quiet: options.quiet,
      hooks: {
        building: () => server.send({ kind: 'building' }),
        written: (files) => server.send({ kind: 'written', files: files.map(relative) }),
        built: (summary) => server.send({ kind: 'built', summary }),
        failed: (problems) => server.send({ kind: 'failed', problem: problems }),
      },
    });
  } finally {
    await server.close();
  }
}
