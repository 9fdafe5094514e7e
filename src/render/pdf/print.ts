import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LaidOutPart } from '../html/pack.js';
import type { SandboxedPage } from './browser.js';
import { withDeadline } from './faults.js';

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
export const floatNotes = String.raw`(() => {
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
 * Add "Contents" (`label`, in the collection's language) after the title block: one entry per
 * section (h2 of main) with a second link whose ::after Paged.js fills with the page the section
 * starts on (target-counter).
 */
export const addContents = (label: string) => String.raw`(() => {
  const label = ${JSON.stringify(label)};
  if (document.querySelector('nav.toc')) return;
  const headings = [...document.querySelectorAll('main h2')].filter((h) => !h.closest('section[data-footnotes], section.sources'));
  if (headings.length < 2) return;
  const nav = document.createElement('nav');
  nav.className = 'toc';
  nav.setAttribute('aria-label', label);
  const title = document.createElement('p');
  title.className = 'toc-title';
  title.textContent = label;
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
 * A Paged.js handler that repeats a split table's header row at the head of each page the
 * table continues on. It runs as the first row of the page is placed into the table Paged.js
 * rebuilt there (marked `data-split-from`), before the page is measured, so the repeated
 * header takes its room and never pushes a row off the page.
 */
const repeatTableHeads = String.raw`(() => {
  class RepeatTableHeads extends Paged.Handler {
    renderNode(clone, node) {
      if (!clone || clone.nodeName !== 'TR') return;
      const table = clone.closest('table');
      if (!table || !table.hasAttribute('data-split-from') || table.querySelector(':scope > thead')) return;
      const head = node.closest('table') && node.closest('table').querySelector(':scope > thead');
      if (!head) return;
      const copy = head.cloneNode(true);
      copy.setAttribute('aria-hidden', 'true');
      table.insertBefore(copy, table.firstChild);
    }
  }
  Paged.registerHandlers(RepeatTableHeads);
})()`;

/**
 * A Paged.js handler for page breaks an editor would not accept, which Paged.js's own rules
 * allow: a paragraph or list item whose first line alone ends a page (an orphan), a table whose
 * header row and first row alone end a page, and a heading left at a page's foot by either. The
 * break moves to before the paragraph or table (and before a heading right above it). A block
 * that starts its page is left alone: moving it could not help.
 */
const keepTogether = String.raw`(() => {
  const inNote = (node) => {
    const element = node.nodeType === 1 ? node : node.parentElement;
    return !element || Boolean(element.closest('.footnote, [data-footnote-call], .pagedjs_footnote_area, sup'));
  };
  // The lines a range covers, counted from its text alone (note calls and markers left out).
  const lineTops = (range) => {
    const tops = [];
    const root = range.commonAncestorContainer.nodeType === 1 ? range.commonAncestorContainer : range.commonAncestorContainer.parentElement;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!range.intersectsNode(node) || inNote(node) || !(node.textContent || '').trim()) continue;
      const part = document.createRange();
      part.selectNodeContents(node);
      if (node === range.startContainer) part.setStart(node, range.startOffset);
      if (node === range.endContainer) part.setEnd(node, range.endOffset);
      for (const rect of part.getClientRects()) {
        if (rect.width < 1) continue;
        const top = Math.round(rect.top);
        if (!tops.some((seen) => Math.abs(seen - top) < 3)) tops.push(top);
      }
    }
    return tops.length;
  };
  const rangeOf = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return range;
  };
  // Whether the element starts its page: nothing comes before it in the page's content.
  const firstOnPage = (element, rendered) => {
    for (let node = element; node && node !== rendered; node = node.parentElement) {
      for (let previous = node.previousSibling; previous; previous = previous.previousSibling) {
        if (previous.nodeType === 1 || (previous.textContent || '').trim()) return false;
      }
    }
    return true;
  };
  const isHeading = (element) => Boolean(element) && /^H[1-6]$/.test(element.nodeName);
  // The element the page would start with: the node at the break, or its first block inside a
  // section, a list or a division.
  const blockAt = (overflow) => {
    const container = overflow.startContainer;
    let node = container.nodeType === 1 ? container.childNodes[overflow.startOffset] || container : container;
    while (node && node.nodeType !== 1) node = node.nextSibling || (node.parentElement === container ? null : node.parentElement);
    let element = node || (container.nodeType === 1 ? container : container.parentElement);
    while (element && /^(SECTION|DIV|UL|OL|MAIN)$/.test(element.nodeName) && element.firstElementChild) element = element.firstElementChild;
    return element;
  };
  // Where the line before the break starts, when the break leaves one line of the block for the
  // next page; 'whole' when moving it would leave one line on this page; undefined otherwise.
  const lineStartBefore = (block, overflow) => {
    const after = document.createRange();
    after.setStart(overflow.startContainer, overflow.startOffset);
    after.setEnd(block, block.childNodes.length);
    if (lineTops(after) !== 1) return undefined;
    const before = document.createRange();
    before.setStart(block, 0);
    before.setEnd(overflow.startContainer, overflow.startOffset);
    const lines = lineTops(before);
    if (lines < 2) return undefined;
    if (lines === 2) return 'whole';
    const rects = [...before.getClientRects()].filter((rect) => rect.width >= 1);
    const lastTop = Math.round(rects[rects.length - 1].top);
    // The first word boundary whose character sits on that last line.
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (inNote(node)) continue;
      const text = node.textContent || '';
      for (let offset = 0; offset < text.length; offset++) {
        if (offset > 0 && text[offset - 1] !== ' ') continue;
        if (node === overflow.startContainer && offset >= overflow.startOffset) return undefined;
        const char = document.createRange();
        char.setStart(node, offset);
        char.setEnd(node, Math.min(offset + 1, text.length));
        const rect = char.getClientRects()[0];
        if (rect && Math.abs(Math.round(rect.top) - lastTop) < 3) return { node, offset };
      }
    }
    return undefined;
  };
  class KeepTogether extends Paged.Handler {
    onOverflow(overflow, rendered) {
      if (!overflow || !overflow.startContainer) return;
      const start = overflow.startContainer.nodeType === 1 ? overflow.startContainer : overflow.startContainer.parentElement;
      if (!start || start.closest('.footnote, figure, .pagedjs_footnote_area')) return;
      const atStart = overflow.startContainer.nodeType === 1;
      const block = atStart ? blockAt(overflow) : start.closest('p, li, h1, h2, h3, h4, h5, h6, td, th');
      if (!block) return;
      const table = block.closest('table');
      let target;
      if (table) {
        // A table's header row (and its first row) never end a page alone.
        const row = block.closest('tr');
        const body = row && row.parentElement && row.parentElement.nodeName === 'TBODY' ? row.parentElement : undefined;
        const header = row && row.parentElement && row.parentElement.nodeName === 'THEAD';
        // (No row: the break falls between the header and the body.)
        if (!table.hasAttribute('data-split-from') && (!row || header || (body && [...body.children].indexOf(row) < 2))) target = table;
      } else if (atStart) {
        // The page starts with this block: the headings before it must not end the page alone.
        target = block.nodeName === 'LI' && block.parentElement.firstElementChild === block ? block.parentElement : block;
        if (!isHeading(target.previousElementSibling) && !(target.previousElementSibling && target.previousElementSibling.nodeName === 'P' && isHeading(target.previousElementSibling.previousElementSibling))) return;
      } else {
        const before = document.createRange();
        before.setStart(block, 0);
        before.setEnd(overflow.startContainer, overflow.startOffset);
        if (lineTops(before) <= 1 && !block.hasAttribute('data-split-from')) {
          // A paragraph's first line alone at the foot of a page (an orphan).
          target = block.nodeName === 'LI' && block.parentElement.firstElementChild === block ? block.parentElement : block;
        } else {
          // Its last line alone at the head of the next (a widow): break a line earlier.
          const earlier = lineStartBefore(block, overflow);
          if (earlier === 'whole') target = block;
          else if (earlier) {
            const moved = document.createRange();
            moved.setStart(earlier.node, earlier.offset);
            moved.setEnd(overflow.endContainer, overflow.endOffset);
            return moved;
          }
        }
      }
      if (!target) return;
      // A heading (or a heading and a one- or two-line introduction) stays with what it introduces;
      // headings that run together ("What the newest reports found", "The 2016 report") go together.
      const previous = target.previousElementSibling;
      if (previous && previous.nodeName === 'P' && lineTops(rangeOf(previous)) <= 2 && isHeading(previous.previousElementSibling)) target = previous.previousElementSibling;
      while (isHeading(target.previousElementSibling)) target = target.previousElementSibling;
      // A section that starts with the heading: move the section (its heading is its first child).
      if (isHeading(target) && !target.previousElementSibling && target.parentElement && target.parentElement.nodeName === 'SECTION') target = target.parentElement;
      if (target === block && atStart) return;
      if (firstOnPage(target, rendered)) return;
      const moved = document.createRange();
      moved.setStartBefore(target);
      moved.setEnd(overflow.endContainer, overflow.endOffset);
      return moved;
    }
  }
  Paged.registerHandlers(KeepTogether);
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
 * bytes. The seed is the document's own (see `seedOf`): documents laid out apart and printed
 * together (the handout pack) do not share names. (Only Paged.js runs in the page; the
 * document's own scripts are blocked by CSP.)
 */
const fixClock = (seed: number) => String.raw`(() => {
  let seed = ${seed};
  Math.random = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  Date.prototype.getTime = () => 0;
  performance.now = () => 0;
})()`;

/** A seed for the page's random numbers from a document's name (FNV-1a), never 0. */
export function seedOf(name: string): number {
  let hash = 0x811c9dc5;
  for (const char of name) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % 2147483646) + 1;
}

/**
 * Drop stylesheet links and @import rules: the sandbox refused to load them (they are recorded
 * as blocked), and Paged.js would fetch them again and fail. The pipeline's CSS is inline.
 */
/**
 * Links from notes to the source viewer (`sources/<id>.html#…`) only work next to the HTML
 * brief: on paper, and in a PDF mailed on its own, they would point nowhere. The quoted
 * excerpt stays; the link goes.
 */
export const unlinkPassages = String.raw`document.querySelectorAll('a.passage').forEach((link) => link.replaceWith(...link.childNodes))`;

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
const layOut = String.raw`new Paged.Previewer().preview().then((flow) => flow.total)`;

/**
 * Load Paged.js and the pipeline's handlers into the page, unless they are there already: a
 * page's window outlives the documents written into it, so the engine (half a megabyte of
 * script) is sent and compiled once per page, not once per document. Each document is laid
 * out by a Previewer of its own (see layOut), which makes its handlers afresh; the handler
 * classes are registered with the engine once.
 */
const setUpEngine = (sandboxed: SandboxedPage, options: Pick<LayoutOptions, 'layoutEngine' | 'notes'>): Promise<void> =>
  sandboxed.setUp(`window.PagedConfig = { auto: false };\n${options.layoutEngine}\n;${repeatTableHeads}; ${keepTogether}; ${options.notes === 'footnotes' ? `${dedupeNotes};` : ''}`);

/**
 * Make a page ready for documents before the first comes: the fonts they share installed and
 * the layout engine loaded. (A page left cold gets both with its first document.)
 */
export async function warmUp(sandboxed: SandboxedPage, options: Pick<LayoutOptions, 'layoutEngine' | 'notes' | 'fonts'>): Promise<void> {
  await sandboxed.installFonts(options.fonts);
  await setUpEngine(sandboxed, options);
}

/**
 * Keep the laid-out pages of a document for the handout pack (see render/html/pack.ts): every
 * id and in-page link prefixed with the document's name (the briefs share one document there),
 * the pages' HTML, and every style rule the pages need: the document's and those Paged.js
 * made, the fonts excepted (the pack has them once).
 */
const capturePart = (name: string) => String.raw`(() => {
  const prefix = ${JSON.stringify(name)} + '-';
  const root = document.querySelector('.pagedjs_pages');
  for (const element of root.querySelectorAll('[id]')) element.id = prefix + element.id;
  for (const link of root.querySelectorAll('a[href^="#"]')) link.setAttribute('href', '#' + prefix + link.getAttribute('href').slice(1));
  for (const name of ['aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-owns']) {
    for (const element of root.querySelectorAll('[' + name + ']')) {
      element.setAttribute(name, element.getAttribute(name).trim().split(/\s+/).map((id) => prefix + id).join(' '));
    }
  }
  // Paged.js sets the running strings as custom properties holding an unclosed string ("Key
  // points), which parses alone but not in a style attribute: close them.
  const closeString = (value) => {
    const text = value.trim();
    if (!text.startsWith('"')) return value;
    for (let i = 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return value;
    }
    return text + '"';
  };
  for (const element of root.querySelectorAll('[style*="--pagedjs-string"]')) {
    for (const property of [...element.style]) {
      if (property.startsWith('--pagedjs-string')) element.style.setProperty(property, closeString(element.style.getPropertyValue(property)));
    }
  }
  // The brief's classes (the body's, which the pack does not have) go on each of its pages.
  for (const page of root.children) page.classList.add(...document.body.classList);
  // An empty page like the last, for the pack to start each brief on a right-hand page.
  const blank = root.lastElementChild.cloneNode(true);
  blank.removeAttribute('id');
  blank.classList.remove('pagedjs_right_page', 'pagedjs_first_page');
  blank.classList.add('pagedjs_left_page', 'pagedjs_blank_page');
  blank.querySelectorAll('.pagedjs_page_content > div, .pagedjs_footnote_inner_content').forEach((area) => area.replaceChildren());
  blank.querySelectorAll('.pagedjs_footnote_content').forEach((area) => area.classList.add('pagedjs_footnote_empty'));
  blank.querySelectorAll('[style]').forEach((element) => element.style.removeProperty('--pagedjs-footnotes-height'));
  for (const property of [...blank.style]) if (property.startsWith('--pagedjs-string')) blank.style.removeProperty(property);
  // The contents' page numbers become placeholders the pack fills in with its own numbers
  // (Paged.js resolved them with rules each brief names differently, which cannot be merged).
  for (const link of root.querySelectorAll('nav.toc a.toc-page')) {
    const target = root.querySelector('[id="' + CSS.escape(link.getAttribute('href').slice(1)) + '"]');
    const page = target && target.closest('.pagedjs_page');
    if (!page) continue;
    for (const attribute of [...link.attributes]) if (attribute.name.startsWith('data-target-counter')) link.removeAttribute(attribute.name);
    link.className = 'toc-num';
    link.dataset.packPage = page.dataset.pageNumber;
    link.replaceChildren();
  }
  const css = [];
  for (const sheet of document.styleSheets) {
    const owner = sheet.ownerNode;
    if (owner && owner.hasAttribute('data-pagedjs-ignore') && owner.textContent.includes('@font-face')) continue;
    for (const rule of sheet.cssRules) css.push(rule.cssText);
  }
  return { name: ${JSON.stringify(name)}, html: root.innerHTML, blank: blank.outerHTML, style: root.getAttribute('style') || '', css, pages: root.children.length };
})()`;

/** How to lay a document out, and what to make of it. */
export interface LayoutOptions {
  readonly notes: NotePlacement;
  readonly layoutEngine: string;
  /** The document's name (a brief id): seeds the page's random numbers; prefixes captured ids. */
  readonly name?: string;
  /** Print a PDF (default: yes). */
  readonly print?: boolean;
  /** Keep the laid-out pages for the handout pack. */
  readonly capture?: boolean;
  /** The heading of the contents the page adds (the collection's word for it; default `Contents`). */
  readonly contents?: string;
  /** The document's @font-face rules, left out of its HTML: the page keeps them installed (see SandboxedPage.load). */
  readonly fonts?: string;
}

/** A laid-out document: its PDF if printed, its pages if captured. */
export interface LaidOut {
  readonly bytes?: Uint8Array;
  readonly part?: LaidOutPart;
  /** URLs the document tried to load (never loaded). */
  readonly blocked: readonly string[];
  /** Pages laid out. */
  readonly pages: number;
}

/** Run `work` within the time limit for a document of `length` characters. */
async function withinLimit<T>(length: number, work: (limit: number) => Promise<T>): Promise<T> {
  const limit = printTimeoutFor(length);
  return withDeadline(work(limit), limit, `the browser did not finish within ${Math.round(limit / 1000)} s`);
}

const pdfOptions = { preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, tagged: true, outline: true } as const;

/**
 * Lay one self-contained HTML document out on a (reused, sandboxed) page: write it in under
 * its CSP, lay it out into pages with Paged.js (notes at the page foot, margin boxes, page
 * references), then print it and/or keep its pages for the handout pack.
 */
export async function layOutDocument(sandboxed: SandboxedPage, html: string, options: LayoutOptions): Promise<LaidOut> {
  const { page, blocked } = sandboxed;
  const name = options.name ?? 'document';
  return withinLimit(html.length, async (limit) => {
    // The document carries everything inline, so "load" is enough: no network to wait for.
    await sandboxed.load(html, options.fonts);
    // Three scripts, three round trips: this process may be busy preparing the next brief
    // between them. First the document is made ready (fonts loaded, notes floated, contents
    // added, the clock fixed), then Paged.js is loaded, then it lays the pages out.
    const footnotes = options.notes === 'footnotes';
    await page.evaluate(
      `(async () => { await document.fonts.ready; ${footnotes ? `${floatNotes};` : ''} ${addContents(options.contents ?? 'Contents')}; ${dropLinkedStyles}; ${unlinkPassages}; ${fixClock(seedOf(name))}; })()`,
    );
    await setUpEngine(sandboxed, options);
    const pages = Number(await page.evaluate(`(() => { ${footnotes ? `${noteAreaProperty};` : ''} return ${layOut}; })()`));
    // Laying out a long document leaves much garbage; printing it takes more memory again.
    // Collected first, the two do not add up. (A brief stays under the threshold.)
    await sandboxed.collectGarbage();
    const bytes = options.print === false ? undefined : await page.pdf({ ...pdfOptions, timeout: limit });
    // Captured after printing: the prefixed ids change nothing on the brief's own pages.
    const part = options.capture ? ((await page.evaluate(capturePart(name))) as LaidOutPart) : undefined;
    return { ...(bytes ? { bytes } : {}), ...(part ? { part } : {}), blocked: [...blocked], pages };
  });
}

/** Lay out and print one document (see `layOutDocument`). */
export async function printPdf(sandboxed: SandboxedPage, html: string, options: Omit<LayoutOptions, 'print'>): Promise<Printed> {
  const laid = await layOutDocument(sandboxed, html, { ...options, print: true });
  return { bytes: laid.bytes!, blocked: laid.blocked, pages: laid.pages };
}

/**
 * Print a document that is already laid out (the handout pack, assembled from laid-out
 * pages): no layout engine runs, the browser prints the pages as they are.
 */
export async function printLaidOut(sandboxed: SandboxedPage, html: string, fonts?: string): Promise<Printed> {
  const { page, blocked } = sandboxed;
  return withinLimit(html.length, async (limit) => {
    await sandboxed.load(html, fonts);
    const pages = Number(await page.evaluate(`document.fonts.ready.then(() => document.querySelectorAll('.pagedjs_page').length)`));
    const bytes = await page.pdf({ ...pdfOptions, timeout: limit });
    return { bytes, blocked: [...blocked], pages };
  });
}
