import { existsSync } from 'node:fs';

/**
 * The flags every Chromium in the benchmark needs on a closed network (without them it hangs).
 * The floor and md-to-pdf are launched with the pipeline's own flags, read from the snapshot of
 * src/render/pdf/chromium-command.ts (see parity.ts); this list is the fallback if they cannot be read,
 * and what the pipeline's flags are checked to contain.
 */
export const requiredFlags: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The page.pdf() options of src/render/pdf/print.ts (checked by parity.ts). */
export const pdfOptions = {
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: false,
  tagged: true,
  outline: true,
} as const;

const systemBrowsers = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The browser the pipeline would pick: PUPPETEER_EXECUTABLE_PATH, else a system Chromium or Chrome. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return systemBrowsers.find((file) => existsSync(file));
}
