import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { Config } from '../config/index.js';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';

const isFolder = (dir: string) => stat(dir).then((info) => info.isDirectory(), () => false);

/** Whether `dir` holds a brief template (`<id>.md.hbs`, a file) at its top. */
async function holdsBrief(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.some((entry) => entry.isFile() && entry.name.endsWith('.md.hbs'));
}

/**
 * Refuse to go on from folders that cannot be the project's: a sources or templates folder that
 * does not exist (`file-missing`), or a templates folder with no brief in `briefs/`
 * (`brief-not-found`). A build that went on would find no brief and, taking every brief for
 * retired, remove every output.
 */
export async function checkInputFolders(config: Config): Promise<void> {
  const messages: VFileMessage[] = [];
  const missing = (dir: string) => Object.assign(createMessage(codes.fileMissing, [dir], { stage: 'build' }), { file: dir });
  const [sources, templates] = await Promise.all([isFolder(config.sources), isFolder(config.templates)]);
  if (!sources) messages.push(missing(config.sources));
  if (!templates) messages.push(missing(config.templates));
  const briefsDir = path.join(config.templates, 'briefs');
  if (templates && !(await holdsBrief(briefsDir))) {
    messages.push(Object.assign(createMessage(codes.briefNotFound, [briefsDir], { stage: 'build' }), { file: briefsDir }));
  }
  if (messages.length > 0) throw new BuildError(messages);
}
