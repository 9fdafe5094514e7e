import { accessSync, constants } from 'node:fs';

/** Where a browser was found, and how. */
export interface BrowserLocation {
  readonly executablePath: string;
  readonly how: 'PUPPETEER_EXECUTABLE_PATH' | 'system' | 'puppeteer download';
}

/** System browsers, most likely first. */
export const systemBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Find a browser without starting it: `PUPPETEER_EXECUTABLE_PATH`, then a system Chromium or
 * Chrome, then the browser puppeteer downloaded (if it could). Undefined when there is none.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserLocation | undefined> {
  const fromEnv = env['PUPPETEER_EXECUTABLE_PATH'];
  if (fromEnv) return executable(fromEnv) ? { executablePath: fromEnv, how: 'PUPPETEER_EXECUTABLE_PATH' } : undefined;
  const system = systemBrowsers.find(executable);
  if (system) return { executablePath: system, how: 'system' };
  try {
    // Loaded only here: importing puppeteer costs time a no-op build does not have.
    const { default: puppeteer } = await import('puppeteer');
    const downloaded = puppeteer.executablePath();
    if (downloaded && executable(downloaded)) return { executablePath: downloaded, how: 'puppeteer download' };
  } catch {
    // puppeteer throws when it has no download of its own: that is "not found", not a failure.
  }
  return undefined;
}
