import type { SandboxedPage } from './browser.js';

/** How long one brief may take to lay out and print before the attempt is abandoned. */
export const printTimeoutMs = 45_000;

/** A print that produced a PDF, and what the sandbox refused on the way. */
export interface Printed {
  readonly bytes: Uint8Array;
  /** URLs the document tried to load (never loaded). */
  readonly blocked: readonly string[];
}

/** Render one self-contained HTML document to PDF bytes on a (reused, sandboxed) page. */
export async function printPdf({ page, blocked }: SandboxedPage, html: string): Promise<Printed> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the browser did not finish within ${printTimeoutMs / 1000} s`)), printTimeoutMs);
  });
  try {
    const print = (async () => {
      // The document carries everything inline, so "load" is enough: no network to wait for.
      await page.setContent(html, { waitUntil: 'load', timeout: printTimeoutMs });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: false,
        tagged: true,
        outline: true,
        timeout: printTimeoutMs,
      });
    })();
    const bytes = await Promise.race([print, timeout]);
    return { bytes, blocked: [...blocked] };
  } finally {
    clearTimeout(timer);
  }
}
