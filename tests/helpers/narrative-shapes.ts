import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { findBrowser } from '../../src/render/pdf/find-browser.js';
import { repoRoot } from './project.js';

/** One block of the synthetic narrative: a paragraph, or `{ heading }`. */
export type NarrativeBlock = string | { readonly heading: string };

/** The synthetic TIP country narrative of tests/fixtures/tip-narrative-synthetic. */
export interface Narrative {
  readonly title: string;
  readonly blocks: readonly NarrativeBlock[];
}

export function loadNarrative(): Narrative {
  return JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'tip-narrative-synthetic', 'narrative.json'), 'utf8')) as Narrative;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const textOf = (block: NarrativeBlock) => (typeof block === 'string' ? block : block.heading);

/**
 * The ¶ a reader counts for a block: the title is ¶ 1 and every heading and paragraph after it
 * is one more (headings are quotable, "KOSOVO: Tier 2"), whatever shape the document came in.
 */
export function paragraphOf(narrative: Narrative, passage: string): number {
  const index = narrative.blocks.findIndex((block) => textOf(block).includes(passage));
  if (index < 0) throw new Error(`${JSON.stringify(passage)} is not in the narrative`);
  return index + 2;
}

/** The page saved from the publisher's site, as "Save page as… (HTML only)" leaves it: UTF-8. */
export function publisherPage(narrative: Narrative): string {
  const body = narrative.blocks
    .map((block) => (typeof block === 'string' ? `<p>${escape(block)}</p>` : `<h2>${escape(block.heading)}</h2>`))
    .join('\n          ');
  const menu = ['Policy Issues', 'Countries &amp; Areas', 'Bureaus &amp; Offices', 'About', 'Reports']
    .map((item) => `<li class="menu-item"><a href="/${item.length}">${item}</a></li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(narrative.title)} - United States Department of State</title>
  <link rel="stylesheet" href="https://www.state.gov/wp-content/themes/main.css">
  <script>window.dataLayer=window.dataLayer||[];</script>
</head>
<body class="report-template-default single single-report">
  <a class="skip-link screen-reader-text" href="#content">Skip to content</a>
  <div class="gov-banner">An official website of the United States Government <button>Here's how you know</button></div>
  <header class="site-header"><a class="logo" href="/">U.S. Department of State</a>
    <nav aria-label="Primary"><ul class="menu">${menu}</ul></nav>
    <form role="search"><label>Search <input type="search" name="s"></label></form>
  </header>
  <main id="content">
    <article class="report">
      <h1 class="featured-content__headline">${escape(narrative.title)}</h1>
      <div class="report__meta">Office to Monitor and Combat Trafficking in Persons</div>
      <div class="entry-content">
          ${body}
      </div>
      <div class="share">Share <a href="https://twitter.com/intent/tweet">Twitter</a> <a href="https://www.facebook.com/sharer">Facebook</a> <a href="mailto:?subject=Report">Email</a></div>
    </article>
  </main>
  <aside class="related"><h2>Related Articles</h2><ul><li><a href="/1">2013 Trafficking in Persons Report</a></li><li><a href="/2">2015 Trafficking in Persons Report</a></li></ul></aside>
  <footer class="site-footer"><p>White House</p><p>Privacy Policy</p><p>Accessibility Statement</p><p>Copyright Information</p><p>FOIA</p><p>No FEAR Act</p></footer>
  <script src="https://www.state.gov/wp-includes/js/app.js"></script>
</body>
</html>
`;
}

// What windows-1252 gives the bytes 0x80–0x9F that these texts use (every other character here
// is in Latin-1, where windows-1252 and Unicode agree).
const windows1252 = new Map([
  ['€', 0x80], ['…', 0x85], ['‘', 0x91], ['’', 0x92], ['“', 0x93], ['”', 0x94], ['–', 0x96], ['—', 0x97],
]);

/** `text` encoded as windows-1252 (throws on a character it cannot hold). */
export function encodeWindows1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const code = windows1252.get(char) ?? char.codePointAt(0)!;
      if (code > 0xff || (code >= 0x80 && code <= 0x9f && !windows1252.has(char))) throw new Error(`${char} is not in windows-1252`);
      return code;
    }),
  );
}

/**
 * The web-archive copy of a republisher's page (Refworld's layout), saved as windows-1252 and
 * declaring it with `http-equiv`: the archive's toolbar, the header table with Publisher,
 * Publication Date, Cite as and Disclaimer rows in the text's own container (so a reader that
 * finds the main text keeps them), subheads as bold paragraphs.
 */
export function archivedRepublisherPage(narrative: Narrative): Buffer {
  const body = narrative.blocks
    .map((block) => (typeof block === 'string' ? `<p>${escape(block)}</p>` : `<p><strong>${escape(block.heading)}</strong></p>`))
    .join('\n');
  const html = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Refworld | ${escape(narrative.title)}</title>
<script type="text/javascript" src="https://web-static.archive.org/_static/js/wombat.js"></script>
</head>
<body>
<div id="wm-ipp-base"><div id="wm-ipp">The Wayback Machine - https://web.archive.org/web/20140702101500/http://www.refworld.org/docid/53d0a1b2c.html</div></div>
<div id="header"><a href="/">Refworld</a> | UNHCR’s global law and policy database <form><input name="q"> Search Refworld</form></div>
<div id="content">
<h1>${escape(narrative.title)}</h1>
<div id="docText">
<table class="docHeader" summary="Document metadata">
<tr><td class="label">Publisher</td><td>United States Department of State</td></tr>
<tr><td class="label">Publication Date</td><td>20 June 2014</td></tr>
<tr><td class="label">Cite as</td><td>United States Department of State, ${escape(narrative.title)}, 20 June 2014, available at: https://www.refworld.org/docid/53d0a1b2c.html [accessed 1 December 2026]</td></tr>
<tr><td class="label">Disclaimer</td><td>This is not a UNHCR publication. UNHCR is not responsible for, nor does it necessarily endorse, its content. Any views expressed are solely those of the author or publisher and do not necessarily reflect those of UNHCR, the United Nations or its Member States.</td></tr>
</table>
${body}
</div>
</div>
<div id="footer">© UNHCR 2014 | <a href="/terms">Terms of use</a></div>
</body>
</html>
`;
  return encodeWindows1252(html);
}

/** Text copied from the publisher's page in a browser: one line per paragraph, no blank lines. */
export function copiedText(narrative: Narrative): string {
  return ['Skip to content', narrative.title, ...narrative.blocks.map(textOf), ''].join('\n');
}

/** The narrative printed by Chromium to a PDF: bold headings in the body size, Protection on page 2. */
export async function printedPdf(narrative: Narrative): Promise<Uint8Array> {
  const body = narrative.blocks
    .map((block) =>
      typeof block === 'string' ? `<p>${escape(block)}</p>` : `<h2${block.heading === 'Protection' ? ' class="new-page"' : ''}>${escape(block.heading)}</h2>`,
    )
    .join('\n');
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>
    @page { size: A4; margin: 25mm 22mm; }
    body { font: 11pt/1.35 "DejaVu Serif", serif; }
    h1 { font-size: 16pt; margin: 0 0 12pt; }
    h2 { font-size: 11pt; font-weight: bold; margin: 10pt 0 0; }
    p { margin: 0 0 8pt; text-align: justify; }
    .new-page { break-before: page; }
  </style></head><body><h1>${escape(narrative.title)}</h1>${body}</body></html>`;
  const found = await findBrowser();
  if (!found) throw new Error('No Chromium or Chrome to print the PDF fixture with');
  const profile = await mkdtemp(path.join(os.tmpdir(), 'briefs-fixture-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: found.executablePath,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    return await page.pdf({ format: 'A4', printBackground: true });
  } finally {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
}
