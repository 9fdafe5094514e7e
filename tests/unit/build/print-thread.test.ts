import { describe, expect, it } from 'vitest';
import { createWorkerPrinter, startPrintThread } from '../../../src/build/worker-printer.js';

// `briefs build` starts its print worker's thread before it reads its configuration; the
// build's printer takes it (and starts the browser in it), or the command stops it unused.
describe('startPrintThread', () => {
  it('should be taken by the printer, which starts its browser in it and ends it on close', async () => {
    const thread = startPrintThread();
    const printer = createWorkerPrinter(1, process.env, thread);
    const { version } = await printer.start();
    expect(version).toMatch(/Chrom/i);
    expect(printer.launched()).toBe(true);
    await printer.close();
    expect(thread.gone()).toBe(true);
    // The command's own stop after the printer's close does nothing more.
    await thread.stop();
  }, 60_000);

  it('should let a printer start a thread of its own when the one started ahead has ended', async () => {
    const thread = startPrintThread();
    await thread.stop();
    expect(thread.gone()).toBe(true);
    const printer = createWorkerPrinter(1, process.env, thread);
    await expect(printer.start()).resolves.toMatchObject({ version: expect.stringMatching(/Chrom/i) });
    await printer.close();
  }, 60_000);

  it('should end when it is stopped unused', async () => {
    const thread = startPrintThread();
    await thread.stop();
    expect(thread.gone()).toBe(true);
  });
});
