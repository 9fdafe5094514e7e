import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectBrowser, launchBrowser } from '../../../src/render/pdf/browser.js';
import { spawnBrowser } from '../../../src/render/pdf/spawn-browser.js';
import { BrowserStartError, quoteOutput, withDeadline } from '../../../src/render/pdf/faults.js';
import { processesMatching, waitUntil } from '../../helpers/processes.js';

describe('quoteOutput', () => {
  it('should make what a process printed one quoted line', () => {
    expect(quoteOutput('  line one\n\tline\u0000two\u001b[0m  ')).toBe('"line one line two [0m"');
  });

  it('should cut long output with an ellipsis', () => {
    expect(quoteOutput('x'.repeat(300), 10)).toBe(`"${'x'.repeat(9)}…"`);
  });
});

describe('withDeadline', () => {
  it('should give the result of work that settles in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 1_000, 'late')).resolves.toBe(7);
  });

  it('should reject with the message when the work does not settle in time', async () => {
    await expect(withDeadline(new Promise(() => undefined), 10, 'too late')).rejects.toThrow('too late');
  });
});

describe('launchBrowser with a browser that does not start', () => {
  let tmp: string;
  let fakes: string;
  let previous: string | undefined;

  beforeEach(async () => {
    // The profile folder goes in os.tmpdir(): a fresh one shows whatever is left behind.
    tmp = await mkdtemp(path.join(os.tmpdir(), 'briefs-start-tmp-'));
    fakes = await mkdtemp(path.join(os.tmpdir(), 'briefs-start-fakes-'));
    previous = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp;
  });

  afterEach(async () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    await rm(tmp, { recursive: true, force: true });
    await rm(fakes, { recursive: true, force: true });
  });

  async function fake(body: string): Promise<string> {
    const file = path.join(fakes, 'browser');
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    return file;
  }

  /** Launch `executablePath`; the BrowserStartError it must reject with, once nothing of it is left. */
  async function failedStart(executablePath: string, startTimeoutMs?: number): Promise<BrowserStartError> {
    const error: unknown = await launchBrowser({ executablePath, how: 'PUPPETEER_EXECUTABLE_PATH' }, 2, startTimeoutMs ? { startTimeoutMs } : {}).then(
      async (browser) => {
        await browser.close();
        throw new Error('the browser started');
      },
      (rejected: unknown) => rejected,
    );
    expect(error).toBeInstanceOf(BrowserStartError);
    expect(await readdir(tmp)).toEqual([]);
    // The fake is killed; the kernel may take a moment to reap it on a busy machine.
    await waitUntil(() => processesMatching(fakes) === 0);
    return error as BrowserStartError;
  }

  it('should say with what code and last words a browser exited before answering', async () => {
    const error = await failedStart(await fake("echo 'starting'\necho 'cannot open display' >&2\nexit 3"));
    expect(error.detail).toMatch(/^it exited with code 3 after printing "(starting|cannot open display)"$/);
    expect(error.executablePath).toBe(path.join(fakes, 'browser'));
  });

  it('should say so at once when the browser exited before the connection was made (puppeteer loads after the browser starts)', async () => {
    const spawned = await spawnBrowser({ executablePath: await fake("echo 'no display' >&2\nexit 3"), how: 'PUPPETEER_EXECUTABLE_PATH' });
    await spawned.chromium.exited;
    // The pipe's end has been seen, with no one listening yet (puppeteer is still loading).
    await new Promise((resolve) => setTimeout(resolve, 0));
    // A start limit longer than the test's own: the pipe's end is what must fail the start.
    const error: unknown = await connectBrowser(spawned, 1, { startTimeoutMs: 3_600_000 }).catch((rejected: unknown) => rejected);
    expect(error).toBeInstanceOf(BrowserStartError);
    expect((error as BrowserStartError).detail).toBe('it exited with code 3 after printing "no display"');
    expect(await readdir(tmp)).toEqual([]);
  });

  it('should say what a browser wrote on its pipe that is not DevTools protocol, and kill it', async () => {
    const error = await failedStart(await fake("printf '{\"id\": nope}\\0' >&4\nsleep 600"));
    expect(error.detail).toBe('it sent "{\\"id\\": nope}" on its DevTools pipe, which is not DevTools protocol');
  });

  it('should treat a protocol message puppeteer cannot handle as garbage too', async () => {
    const error = await failedStart(await fake("printf 'null\\0' >&4\nsleep 600"));
    expect(error.detail).toBe('it sent "null" on its DevTools pipe, which is not DevTools protocol');
  });

  it('should kill a browser that never answers once its start time is up', async () => {
    const error = await failedStart(await fake('sleep 600'), 1_000);
    expect(error.detail).toBe('it did not answer on its DevTools pipe within 1 s');
  });

  it('should say that a browser that cannot be run could not be run', async () => {
    const error = await failedStart(path.join(fakes, 'missing'));
    expect(error.detail).toBe('it could not be run (ENOENT)');
  });

  it('should say where the profile folder could not be made', async () => {
    process.env['TMPDIR'] = path.join(tmp, 'missing');
    const error: unknown = await launchBrowser({ executablePath: '/bin/true', how: 'system' }, 1).catch((rejected: unknown) => rejected);
    expect(error).toBeInstanceOf(BrowserStartError);
    expect((error as BrowserStartError).detail).toBe(`its profile folder could not be made in ${path.join(tmp, 'missing')} (ENOENT)`);
  });

  it('should close a real browser that hangs within seconds, leaving no process and no folder', async () => {
    // The wrapper notes its pid, which Chromium's launcher script and Chromium keep (exec).
    const pidFile = path.join(fakes, 'pid');
    const browser = await launchBrowser({ executablePath: await fake(`echo $$ > ${pidFile}\nexec /usr/bin/chromium "$@"`), how: 'PUPPETEER_EXECUTABLE_PATH' }, 1);
    expect(browser.version).toMatch(/Chrome|Chromium/);
    expect(processesMatching(tmp)).toBeGreaterThan(0);
    execFileSync('kill', ['-STOP', (await readFile(pidFile, 'utf8')).trim()]);
    await browser.close();
    await waitUntil(() => processesMatching(tmp) === 0);
    expect(await readdir(tmp)).toEqual([]);
  });
});
