import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromiumCommand } from './chromium-command.js';
import { startChromium, type ChromiumProcess } from './chromium-process.js';
import { BrowserStartError } from './faults.js';
import type { BrowserLocation } from './find-browser.js';

/** A Chromium started on its DevTools pipe, not yet driven (browser.ts connects to it). */
export interface SpawnedBrowser {
  readonly location: BrowserLocation;
  /** Everything it writes: its profile and its temporary files. */
  readonly folder: string;
  readonly chromium: ChromiumProcess;
}

/** The profile folder goes, whatever is in it; a failure to remove it must not hide the build's own error. */
export const removeProfile = (folder: string) => rm(folder, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);

/**
 * Start Chromium with a fresh profile, on a pipe, without loading puppeteer: the browser
 * starts up while puppeteer loads. A pipe instead of a WebSocket: if this process dies,
 * Chromium sees the pipe close and exits too.
 */
export async function spawnBrowser(location: BrowserLocation): Promise<SpawnedBrowser> {
  // One folder per browser for everything it writes: its profile and its temporary files.
  let folder: string | undefined;
  try {
    folder = await mkdtemp(path.join(os.tmpdir(), 'briefs-chromium-'));
    await mkdir(path.join(folder, 'tmp'));
  } catch (error) {
    if (folder) await removeProfile(folder);
    const detail = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new BrowserStartError(location.executablePath, `its profile folder could not be made in ${os.tmpdir()} (${detail})`, { cause: error });
  }
  // Chromium's own temporary files (org.chromium.Chromium.*) go in the folder too: one killed
  // (hung or crashed) leaves them behind, and they go with the folder.
  const chromium = startChromium(location.executablePath, chromiumCommand(path.join(folder, 'profile')), { ...process.env, TMPDIR: path.join(folder, 'tmp') });
  return { location, folder, chromium };
}
