import { readFile, stat } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { makeProject, type TempProject } from '../helpers/project.js';

const env = { SOURCE_DATE_EPOCH: '1764547200' };

describe('briefs build --booklet', () => {
  let project: TempProject;
  let first: CliRun;

  beforeAll(async () => {
    project = await makeProject();
    first = await runCli(['build', '--booklet'], project.root, { env });
  });

  afterAll(async () => {
    await project.remove();
  });

  it('should write the handout pack as a saddle-stitch booklet on landscape A4 sheets', async () => {
    expect(first.code, first.stderr).toBe(0);
    const pack = await PDFDocument.load(await readFile(project.path('output', 'kosovo-briefs-handout.pdf')), { updateMetadata: false });
    const booklet = await PDFDocument.load(await readFile(project.path('output', 'kosovo-briefs-handout-booklet.pdf')), { updateMetadata: false });
    const padded = Math.ceil(pack.getPageCount() / 4) * 4;
    expect(booklet.getPageCount()).toBe(padded / 2);
    for (const page of booklet.getPages()) {
      const { width, height } = page.getSize();
      expect(width).toBeCloseTo(841.89, 1);
      expect(height).toBeCloseTo(595.28, 1);
    }
    expect(booklet.getTitle()).toBe(pack.getTitle());
    expect(booklet.getAuthor()).toBe(pack.getAuthor());
    expect(booklet.getCreationDate()?.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(first.stderr).toContain(`Booklet: output/kosovo-briefs-handout-booklet.pdf, ${padded / 4} sheets`);
  });

  it('should leave the booklet alone on an up-to-date build', async () => {
    const file = project.path('output', 'kosovo-briefs-handout-booklet.pdf');
    const before = await readFile(file);
    const { mtimeMs } = await stat(file);
    const second = await runCli(['build', '--booklet'], project.root, { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('Booklet:');
    expect(Buffer.compare(await readFile(file), before)).toBe(0);
    expect((await stat(file)).mtimeMs).toBe(mtimeMs);
  });
});
