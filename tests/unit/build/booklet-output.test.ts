import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookletName, writeBooklet } from '../../../src/build/booklet-output.js';
import { parseCommand } from '../../../src/cli/index.js';
import { resolveConfig, UsageError } from '../../../src/config/index.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'briefs-booklet-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function writePack(file: string, pages: number): Promise<void> {
  const pdf = await PDFDocument.create();
  for (let page = 0; page < pages; page++) pdf.addPage([595.28, 841.89]);
  pdf.setTitle('Pack');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, await pdf.save({ useObjectStreams: false }));
}

describe('--booklet', () => {
  it('should be a build option, off by default, on from the command line or briefs.yaml', async () => {
    expect(parseCommand(['build', '--booklet']).options).toMatchObject({ booklet: true });
    expect(parseCommand(['build']).options).not.toHaveProperty('booklet');
    expect(() => parseCommand(['check', '--booklet'])).toThrow(UsageError);
    expect(resolveConfig({ root }, {}).booklet).toBe(false);
    expect(resolveConfig({ root, booklet: true }, {}).booklet).toBe(true);
    await writeFile(path.join(root, 'briefs.yaml'), 'title: T\npack: { file: t-pack.pdf, booklet: true }\n');
    expect(resolveConfig({ root }, {}).booklet).toBe(true);
    expect(resolveConfig({ root, booklet: false }, {}).booklet).toBe(false);
    expect(bookletName('t-pack.pdf')).toBe('t-pack-booklet.pdf');
  });

  it('should write the booklet beside the pack, and leave an up-to-date one alone', async () => {
    await writeFile(path.join(root, 'briefs.yaml'), 'title: T\npack: { file: t-pack.pdf }\n');
    const config = resolveConfig({ root, booklet: true }, { SOURCE_DATE_EPOCH: '1764547200' });
    expect(await writeBooklet(config)).toBeUndefined(); // no pack yet
    await writePack(path.join(config.out, 't-pack.pdf'), 9);
    const file = path.join(config.out, 't-pack-booklet.pdf');
    expect(await writeBooklet(config)).toEqual({ file, sheets: 3 });
    expect((await PDFDocument.load(await readFile(file))).getPageCount()).toBe(6);
    const written = (await stat(file)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await writeBooklet(config)).toBeUndefined();
    expect((await stat(file)).mtimeMs).toBe(written);
    expect((await readdir(config.out)).sort()).toEqual(['t-pack-booklet.pdf', 't-pack.pdf']);
    expect(await writeBooklet(resolveConfig({ root }, {}))).toBeUndefined(); // not wanted
  });
});
