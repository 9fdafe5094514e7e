import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';

// jsqr is CommonJS whose module.exports is the function; its types declare it as `default`.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

const run = promisify(execFile);

/** Page `page` of a PDF at 150 dpi, read by poppler, and the QR code on it decoded with jsQR. */
async function qrOnPage(pdf: string, page: number, dir: string): Promise<string | undefined> {
  const prefix = path.join(dir, `${path.basename(pdf, '.pdf')}-${page}`);
  await run('pdftoppm', ['-png', '-r', '150', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  const png = PNG.sync.read(await readFile(`${prefix}.png`));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data;
}

/** The text of page `page` of a PDF, as poppler reads it. */
async function pageText(pdf: string, page: number): Promise<string> {
  const { stdout } = await run('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-']);
  return stdout;
}

/**
 * From paper back to the sources: with `site` in briefs.yaml, a brief's first page and the
 * pack's cover carry a QR code and the short address of the online edition.
 */
describe('QR codes of the online edition (end to end)', () => {
  let tmp: string;
  let collection: string;
  let build: CliRun;
  const out = (...parts: string[]) => path.join(collection, 'output', ...parts);

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'briefs-qr-e2e-'));
    collection = path.join(tmp, 'collection');
    const init = await runCli(['init', collection], tmp);
    expect(init.code, init.stderr).toBe(0);
    await appendFile(path.join(collection, 'briefs.yaml'), '\nsite: https://example.org/briefs/\n');
    build = await runCli(['build'], collection, { env: { SOURCE_DATE_EPOCH: '1764547200' } });
  });

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('should build', () => {
    expect(build.code, build.stderr).toBe(0);
  });

  it('should print the brief’s address, as a QR code and as text, on its first page', async () => {
    const pdf = out('first-brief.pdf');
    expect(await qrOnPage(pdf, 1, tmp)).toBe('https://example.org/briefs/first-brief.html');
    const text = await pageText(pdf, 1);
    expect(text).toContain('example.org/briefs/first-brief.html');
    expect(text).not.toContain('https://example.org/briefs/first-brief.html');
    expect(text).toContain('Read online');
  });

  it('should show the QR code in the HTML brief as an image from data:', async () => {
    const html = await readFile(out('first-brief.html'), 'utf8');
    expect(html).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+(&#x3D;)*" alt="QR code: example\.org\/briefs\/first-brief\.html">/);
    expect(html).toContain('<a class="online-address" href="https://example.org/briefs/first-brief.html">example.org/briefs/first-brief.html</a>');
  });

  it('should print the online edition’s index on the pack’s cover', async () => {
    const pdf = out('briefs-handout.pdf');
    expect(await qrOnPage(pdf, 1, tmp)).toBe('https://example.org/briefs/index.html');
    expect(await pageText(pdf, 1)).toContain('example.org/briefs/index.html');
  });
});
