import Handlebars from 'handlebars';
import type { TemplateFile } from '../../compose/index.js';
import { pageCss, type Paper } from './document.js';
import type { HtmlParts } from './html-parts.js';
import { renderAroundFonts } from './render-around-fonts.js';
import { chromeContext, compileLayout, type LayoutChrome } from './layout-chrome.js';
import type { OnlineCopy } from './qr-code.js';

/**
 * A document laid out into pages by Paged.js and kept to be printed again in the handout pack
 * (captured by render/pdf/print.ts after the brief's own PDF is printed).
 */
export interface LaidOutPart {
  /** The document's name (a brief id); every id in `html` starts with `${name}-`. */
  readonly name: string;
  /** The pages: the children of Paged.js's `.pagedjs_pages`, serialized. */
  readonly html: string;
  /** An empty left-hand page in the same frame (running footer, no header, no text). */
  readonly blank: string;
  /** The inline style of `.pagedjs_pages` (Paged.js's counters). */
  readonly style: string;
  /** Every style rule the pages use (the document's and Paged.js's), fonts excepted. */
  readonly css: readonly string[];
  /** How many pages. */
  readonly pages: number;
}

/** The pack's front matter, as the layout receives it. */
export interface PackFrontInput {
  readonly briefs: readonly { readonly briefId: string; readonly title: string }[];
  readonly css: string;
  readonly fontCss: string;
  readonly edition: string;
  readonly editionIso: string;
  readonly paper: Paper;
  /** The collection and the interface language. */
  readonly chrome: LayoutChrome;
  /** The online edition's index at the collection's `site` (`{{online.address}}`); null without a site. */
  readonly online?: OnlineCopy | null;
}

/** The name of the front matter's part (no brief id can take it: ids are lower-case words). */
export const frontName = 'pack-front';

/**
 * The handout pack's front matter: a cover and the contents (`layouts/pack.html.hbs`),
 * with the briefs' stylesheets, laid out like a brief. The contents' page numbers are
 * placeholders that `assemblePack` fills in once every brief is laid out.
 */
export function renderPackFront(layout: TemplateFile, input: PackFrontInput): HtmlParts {
  const render = compileLayout(layout.source, input.chrome);
  return renderAroundFonts(
    render,
    {
      ...chromeContext(input.chrome, input.edition, input.editionIso),
      edition: input.edition,
      editionIso: input.editionIso,
      online: input.online ?? null,
      css: new Handlebars.SafeString(`${input.css}\n${pageCss(input.paper, input.edition, input.chrome)}`),
      briefs: input.briefs.map((brief) => ({ id: brief.briefId, title: brief.title })),
    },
    input.fontCss,
  );
}

/** What the pack is made of. */
export interface PackAssemblyInput {
  /** The front matter, laid out (`renderPackFront`). */
  readonly front: LaidOutPart;
  /** Every brief, laid out, in the pack's order. */
  readonly briefs: readonly LaidOutPart[];
  readonly fontCss: string;
  readonly title: string;
  readonly lang: string;
}

/** The assembled pack: its HTML, its page count and the page each brief starts on. */
export interface AssembledPack {
  readonly html: HtmlParts;
  readonly pages: number;
  readonly starts: ReadonlyMap<string, number>;
}

/** A brief's contents entry: the page, counted in the brief, its section starts on. */
const partEntry = /<a\b([^>]*?)\sdata-pack-page="(\d+)"([^>]*)><\/a>/g;
/** A contents entry of the front matter, with the brief it stands for. */
const frontEntry = /<a\b([^>]*?)\sdata-pack-brief="([^"]+)"([^>]*)>[^<]*<\/a>/g;

const escape = Handlebars.escapeExpression;

/**
 * Put the handout pack together from documents already laid out: the front matter, then every
 * brief from a right-hand (odd) page, an empty page before it where needed, pages numbered
 * straight through. Nothing is laid out again: page numbers and "of N" are CSS counters of
 * the one `.pagedjs_pages` the pages share; each brief's own contents (numbered by its own
 * pages when captured) move by the pages before it; the front's contents get the start pages.
 * Style rules are merged as they are: rules Paged.js made for one brief name its elements by
 * ids no other brief has (each document's random seed is its own). A target-counter() other
 * than the contents' would not survive the merge. The pack's time grows with the number of briefs, not with its square (Paged.js lays a
 * long document out slower per page the longer it gets).
 */
export function assemblePack(input: PackAssemblyInput): AssembledPack {
  const pages: string[] = [];
  const starts = new Map<string, number>();
  const rules = new Set<string>();
  let count = 0;
  const addPart = (part: LaidOutPart, offset: number) => {
    for (const rule of part.css) rules.add(rule);
    pages.push(part.html.replace(partEntry, (_, before: string, page: string, after: string) => `<a${before}${after}>${Number(page) + offset}</a>`));
    count += part.pages;
  };
  addPart(input.front, 0);
  for (const part of input.briefs) {
    if (count % 2 === 1) {
      pages.push(input.front.blank);
      count += 1;
    }
    starts.set(part.name, count + 1);
    addPart(part, count);
  }
  // The front's entries: the text keeps its title, the number gets the start page; both link
  // to the brief's first page.
  const front = pages[0]!.replace(frontEntry, (whole, before: string, id: string, after: string) => {
    const start = starts.get(id);
    if (start === undefined) return whole;
    const attributes = `${before}${after}`.replace(/\shref="[^"]*"/, '');
    const text = /\bclass="[^"]*\btoc-num\b/.test(attributes) ? String(start) : /<a\b[^>]*>([^<]*)<\/a>/.exec(whole)![1]!;
    return `<a${attributes} href="#${escape(`${id}-page-1`)}">${text}</a>`;
  });
  pages[0] = front;
  const style = `${input.front.style.replace(/--pagedjs-page-count:\s*\d+;?/, '').trim()} --pagedjs-page-count: ${count};`.trim();
  const before = [
    '<!doctype html>',
    `<html lang="${escape(input.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escape(input.title)}</title>`,
    '<style>',
  ].join('\n');
  const after = [
    '</style>',
    '<style>',
    [...rules].join('\n'),
    // The cover has no running header or footer; an empty page keeps its footer only.
    '.pagedjs_page:has(.pack-cover) .pagedjs_margin-top, .pagedjs_page:has(.pack-cover) .pagedjs_margin-bottom { visibility: hidden; }',
    '</style>',
    '</head>',
    '<body class="pack">',
    `<div class="pagedjs_pages" style="${escape(style)}">`,
    ...pages,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
  return { html: [before, input.fontCss, after], pages: count, starts };
}
