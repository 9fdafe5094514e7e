import Handlebars from 'handlebars';
import type { TemplateFile } from '../../compose/index.js';
import type { FrontMatter } from '../../markdown/index.js';
import type { HtmlParts } from './html-parts.js';
import { renderAroundFonts } from './render-around-fonts.js';
import { chromeContext, compileLayout, type LayoutChrome } from './layout-chrome.js';
import type { OnlineCopy } from './qr-code.js';

/** Paper sizes the briefs are laid out for. */
export type Paper = 'a4' | 'letter';

/** What the layout template receives. */
export interface DocumentInput {
  readonly briefId: string;
  readonly matter: FrontMatter;
  /** The brief's body HTML (already generated from Markdown; not escaped again). */
  readonly body: string;
  /** Every stylesheet's text, concatenated; inlined so the file stands alone. */
  readonly css: string;
  /** The @font-face rules with the fonts inlined (see fonts.ts). */
  readonly fontCss: string;
  /** The edition date, formatted (`23 November 2026`). */
  readonly edition: string;
  /** ISO edition date. */
  readonly editionIso: string;
  readonly paper: Paper;
  /** The collection and the interface language (`{{collection.title}}`, `{{t "policyBrief"}}`). */
  readonly chrome: LayoutChrome;
  /** The brief's HTML edition at the collection's `site` (`{{online.address}}`); null without a site. */
  readonly online?: OnlineCopy | null;
}

/** A CSS string literal for any text: quotes, backslashes, line breaks and `<` are escaped. */
export function cssString(value: string): string {
  const escaped = [...value]
    .map((char) => (/["\\<>\n\r]/.test(char) ? `\\${char.codePointAt(0)!.toString(16)} ` : char))
    .join('');
  return `"${escaped}"`;
}

/**
 * The locale's `pageOf` ("Page {page} of {pages}", "Faqja {page} nga {pages}") as the CSS
 * content of a margin box: its words as strings, {page} and {pages} as the page counters.
 */
export function pageCounterContent(t: LayoutChrome['t']): string {
  const text = t('pageOf', { page: '\u0000page\u0000', pages: '\u0000pages\u0000' });
  return text
    .split(/\u0000(pages?)\u0000/)
    .map((part, index) => (index % 2 === 1 ? `counter(${part})` : part === '' ? '' : cssString(part)))
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * The page rules: paper size, running header and footer (the collection's title and the
 * edition, in its language). The same for every brief of an edition (the header takes the
 * brief's title from its h1), so briefs laid out apart can be printed together in the handout pack.
 */
export function pageCss(paper: Paper, edition: string, chrome: LayoutChrome): string {
  const footer = `${chrome.collection.title} · ${chrome.t('editionOf', { date: edition })}`;
  const size = paper === 'letter' ? 'letter' : 'A4';
  // Margin boxes take their font here too: Paged.js does not merge boxes across @page rules.
  const font = 'font-family: "Source Sans 3", "Noto Sans", "DejaVu Sans", sans-serif; font-size: 8pt; color: #555;';
  return [
    'header.title-block h1 { string-set: title content(text); }',
    `@page { size: ${size}; @top-left { content: string(title); ${font} } @bottom-left { content: ${cssString(footer)}; ${font} } @bottom-right { content: ${pageCounterContent(chrome.t)}; ${font} } }`,
    `@page :first { @top-left { content: none; } @top-right { content: none; } }`,
  ].join('\n');
}

/**
 * Place a brief's HTML in the layout (`layouts/brief.html.hbs`, the collection's or the built-in one). The layout's
 * variables are escaped by Handlebars; `body` and `css` are inserted as they are. The fonts
 * stay a separate piece of the result (see html-parts.ts).
 */
export function renderDocument(layout: TemplateFile, input: DocumentInput): HtmlParts {
  return documentRenderer(layout, input.chrome)(input);
}

/** `renderDocument` for every brief of a build: the layout compiled once, in the build's chrome. */
export function documentRenderer(layout: TemplateFile, chrome: LayoutChrome): (input: Omit<DocumentInput, 'chrome'>) => HtmlParts {
  const render = compileLayout(layout.source, chrome);
  return (input) =>
    renderAroundFonts(
      render,
      {
        ...chromeContext(chrome, input.edition, input.editionIso),
        briefId: input.briefId,
        title: input.matter.title,
        subtitle: input.matter.subtitle ?? null,
        summary: input.matter.summary ?? null,
        keywords: input.matter.keywords.join(', '),
        lang: input.matter.lang,
        edition: input.edition,
        editionIso: input.editionIso,
        online: input.online ?? null,
        css: new Handlebars.SafeString(`${input.css}\n${pageCss(input.paper, input.edition, chrome)}`),
        body: new Handlebars.SafeString(input.body),
      },
      // The fonts go in a style element of their own that Paged.js leaves to the browser: it would
      // otherwise parse and rewrite half a megabyte of base64 for every document it lays out.
      input.fontCss,
    );
}
