import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { documentUrl, type SandboxedPage } from './browser.js';

/** How long one brief may take to lay out and print before the attempt is abandoned. */
export const printTimeoutMs = 45_000;

/**
 * The time limit for a document of `htmlLength` characters: 45 s for a brief (about 1 MB with its
 * fonts), and 30 s more per further MB, so a handout pack of 100 briefs is not cut off while a
 * hung brief still is.
 */
export function printTimeoutFor(htmlLength: number): number {
  return printTimeoutMs + Math.round((Math.max(0, htmlLength - 1_000_000) / 1_000_000) * 30_000);
}

/** Where the notes of a PDF go. */
export type NotePlacement = 'footnotes' | 'endnotes';

/** A print that produced a PDF, and what the sandbox refused on the way. */
export interface Printed {
  readonly bytes: Uint8Array;
  /** URLs the document tried to load (never loaded). */
  readonly blocked: readonly string[];
  /** Pages in the PDF. */
  readonly pages: number;
}

/** Paged.js (pinned 0.4.3), the layout engine: page-foot notes, margin boxes, target-counter. */
export async function readLayoutEngine(): Promise<string> {
  const require = createRequire(import.meta.url);
  // The package exports only its modules; the polyfill build sits in dist/ beside lib/.
  const lib = path.dirname(require.resolve('pagedjs'));
  return readFile(path.join(lib, '..', 'dist', 'paged.polyfill.min.js'), 'utf8');
}

// Scripts run in the page through the DevTools protocol. They are plain JavaScript strings, not
// functions, so that nothing a TypeScript loader adds to functions (such as esbuild's __name)
// is sent to the page.

/**
 * Move every note into the text at each of its markers, as a `float: footnote` element Paged.js
 * places at the foot of the marker's page. A note cited again keeps its number.
 */
const floatNotes = String.raw`(() => {
  const notes = new Map();
  for (const item of document.querySelectorAll('section[data-footnotes] li[id]')) notes.set(item.id, item);
  for (const reference of document.querySelectorAll('a[data-footnote-ref]')) {
    const note = notes.get((reference.getAttribute('href') || '').slice(1));
    if (!note) continue;
    const float = document.createElement('span');
    float.className = 'footnote';
    float.dataset.n = reference.textContent || '';
    const body = note.cloneNode(true);
    body.querySelectorAll('[data-footnote-backref]').forEach((link) => link.remove());
    float.innerHTML = (body.querySelector('p') || body).innerHTML.trim();
    // The visible marker is ours (the note's own number); Paged.js's call is left empty.
    const marker = document.createElement('sup');
    marker.className = 'note-ref';
    marker.textContent = float.dataset.n;
    (reference.closest('sup') || reference).replaceWith(marker, float);
  }
  document.querySelectorAll('section[data-footnotes]').forEach((section) => section.remove());
})()`;

/**
 * A Paged.js handler for each laid-out page: a note whose markers fall twice on the page is
 * printed there once, and the notes are put in number order (a table can cite out of order).
 */
const dedupeNotes = String.raw`(() => {
  class DedupeNotes extends Paged.Handler {
    afterPageLayout(pageElement) {
      const seen = new Set();
      const notes = [];
      for (const note of pageElement.querySelectorAll('.pagedjs_footnote_area [data-n]')) {
        if (seen.has(note.dataset.n)) note.remove();
        else { seen.add(note.dataset.n); notes.push(note); }
      }
      notes.sort((a, b) => Number(a.dataset.n) - Number(b.dataset.n));
      for (const note of notes) note.parentElement.append(note);
    }
  }
  Paged.registerHandlers(DedupeNotes);
})()`;

/**
 * Add "Contents" after the title block: one entry per section (h2 of main) with a second link
 * whose ::after Paged.js fills with the page the section starts on (target-counter).
 */
const addContents = String.raw`(() => {
  if (document.querySelector('nav.toc')) return;
  const headings = [...document.querySelectorAll('main h2')].filter((h) => !h.closest('section[data-footnotes], section.sources'));
  if (headings.length < 2) return;
  const nav = document.createElement('nav');
  nav.className = 'toc';
  nav.setAttribute('aria-label', 'Contents');
  const title = document.createElement('p');
  title.className = 'toc-title';
  title.textContent = 'Contents';
  const list = document.createElement('ol');
  headings.forEach((heading, index) => {
    if (!heading.id) heading.id = 'section-' + (index + 1);
    const item = document.createElement('li');
    const text = document.createElement('a');
    text.className = 'toc-text';
    text.href = '#' + heading.id;
    text.textContent = heading.textContent;
    const page = document.createElement('a');
    page.className = 'toc-page';
    page.href = '#' + heading.id;
    page.setAttribute('aria-hidden', 'true');
    item.append(text, page);
    list.append(item);
  });
  nav.append(title, list);
  const header = document.querySelector('header.title-block');
  if (header) header.after(nav);
  else document.body.prepend(nav);
})()`;

/**
 * Paged.js sizes a page's note area through a custom property, `--pagedjs-footnotes-height`,
 * set on the page's area for every note it places. Unregistered, the property is inherited, so
 * each change restyles everything on the page (about half the time of laying out a brief with
 * notes). Registered as not inherited, with the two children that read it inheriting it
 * explicitly, a change restyles three elements. Same layout, same pages.
 */
const noteAreaProperty = String.raw`(() => {
  const style = document.createElement('style');
  style.dataset.pagedjsIgnore = '';
  style.textContent = '@property --pagedjs-footnotes-height { syntax: "<length>"; inherits: false; initial-value: 0px; }'
    + ' .pagedjs_pagebox > .pagedjs_area > .pagedjs_page_content, .pagedjs_pagebox > .pagedjs_area > .pagedjs_footnote_area { --pagedjs-footnotes-height: inherit; }';
  document.head.append(style);
})()`;

/**
 * Make the page's clock and random numbers fixed before Paged.js loads: it names notes and
 * fragments with UUIDs drawn from them, and the names end up in the PDF. Fixed inputs, same
 * bytes. (Only Paged.js runs in the page; the document's own scripts are blocked by CSP.)
 */
const fixClock = String.raw`(() => {
  let seed = 20110627;
  Math.random = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  Date.prototype.getTime = () => 0;
  performance.now = () => 0;
})()`;

/**
 * Drop stylesheet links and @import rules: the sandbox refused to load them (they are recorded
 * as blocked), and Paged.js would fetch them again and fail. The pipeline's CSS is inline.
 */
/**
 * Links from notes to the source viewer (`sources/<id>.html#…`) only work next to the HTML
 * brief: on paper, and in a PDF mailed on its own, they would point nowhere. The quoted
 * excerpt stays; the link goes.
 */
const unlinkPassages = String.raw`document.querySelectorAll('a.passage').forEach((link) => link.replaceWith(...link.childNodes))`;

const dropLinkedStyles = String.raw`(() => {
  document.querySelectorAll('link[rel~="stylesheet"], link[rel~="import"]').forEach((link) => link.remove());
  // Likewise @import rules (the browser's own parser finds them; their text is cut out).
  for (const style of document.querySelectorAll('style')) {
    const rules = style.sheet ? [...style.sheet.cssRules] : [];
    if (rules.some((rule) => rule instanceof CSSImportRule)) {
      style.textContent = style.textContent.replace(/@import\s[^;]*;/g, '');
    }
  }
})()`;

/** Lay the document out into pages; resolves to the number of pages. */
const layOut = String.raw`window.PagedPolyfill.preview().then((flow) => flow.total)`;

/**
 * Render one self-contained HTML document to PDF bytes on a (reused, sandboxed) page: serve it
 * with its CSP, lay it out into pages with Paged.js (notes at the page foot, margin boxes,
 * page references), then print.
 */
export async function printPdf(
  sandboxed: SandboxedPage,
  html: string,
  options: { readonly notes: NotePlacement; readonly layoutEngine: string },
): Promise<Printed> {
  const { page, blocked } = sandboxed;
  const limit = printTimeoutFor(html.length);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the browser did not finish within ${Math.round(limit / 1000)} s`)), limit);
  });
  try {
    const print = (async () => {
      sandboxed.document.html = html;
      // The document carries everything inline, so "load" is enough: no network to wait for.
      await page.goto(documentUrl, { waitUntil: 'load', timeout: limit });
      // Three scripts, three round trips: this process may be busy preparing the next brief
      // between them. First the document is made ready (fonts loaded, notes floated, contents
      // added, the clock fixed), then Paged.js is loaded, then it lays the pages out.
      const footnotes = options.notes === 'footnotes';
      await page.evaluate(
        `(async () => { await document.fonts.ready; ${footnotes ? `${floatNotes};` : ''} ${addContents}; ${dropLinkedStyles}; ${unlinkPassages}; ${fixClock}; window.PagedConfig = { auto: false }; })()`,
      );
      await page.evaluate(options.layoutEngine);
      const pages = Number(await page.evaluate(`(() => { ${footnotes ? `${dedupeNotes}; ${noteAreaProperty};` : ''} return ${layOut}; })()`));
      // Laying out a long document (the handout pack) leaves much garbage; printing it takes
      // more memory again. Collected first, the two do not add up. (A brief stays under the
      // threshold: nothing is done.)
      await sandboxed.collectGarbage();
      const bytes = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: false,
        tagged: true,
        outline: true,
        timeout: limit,
      });
      return { bytes, pages };
    })();
    const { bytes, pages } = await Promise.race([print, timeout]);
    return { bytes, blocked: [...blocked], pages };
  } finally {
    clearTimeout(timer);
  }
}
