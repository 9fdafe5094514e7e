import type { Page } from 'puppeteer';

/** Render one self-contained HTML document to PDF bytes on a (reused) page. */
export async function printPdf(page: Page, html: string): Promise<Uint8Array> {
  // The document carries everything inline, so "load" is enough: no network to wait for.
  await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  return page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: false,
    tagged: true,
    outline: true,
    timeout: 60_000,
  });
}
