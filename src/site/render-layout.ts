import Handlebars from 'handlebars';
import type { Point } from 'unist';
import type { TemplateFile } from '../compose/index.js';
import { BuildError, InternalError, codes, createMessage } from '../diagnostics/index.js';
import { compileLayout, defaultChrome, type LayoutChrome } from '../render/html/layout-chrome.js';

const stage = 'site';

/** Line and column Handlebars put on a parse or strict-lookup error, if any. */
function placeOf(error: unknown): Point | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { lineNumber?: unknown; column?: unknown; message?: unknown };
  if (typeof record.lineNumber === 'number') {
    return { line: record.lineNumber, column: typeof record.column === 'number' ? record.column + 1 : 1 };
  }
  const line = typeof record.message === 'string' ? /line (\d+)/.exec(record.message) : null;
  return line ? { line: Number(line[1]), column: 1 } : undefined;
}

/**
 * Fill a page layout in an isolated, strict Handlebars environment (built-in helpers and `t`,
 * the interface words of `chrome`; English without). Values are escaped by `{{…}}`; only
 * `Handlebars.SafeString`s built by this stage (trusted HTML) go out unescaped. A broken
 * layout becomes a `BuildError` naming the layout file.
 */
export function renderLayout(layout: TemplateFile, context: Record<string, unknown>, chrome: LayoutChrome = defaultChrome()): string {
  try {
    const render = compileLayout(layout.source, chrome);
    return render(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    const message = createMessage(codes.templateRender, [layout.path, detail], { stage, place: placeOf(error), cause: error });
    message.file = layout.path;
    throw new BuildError([message], { cause: error });
  }
}

/** Trusted HTML, inserted as it is by `{{…}}`. */
export const trusted = (html: string) => new Handlebars.SafeString(html);

/** Escape text for HTML element content and quoted attribute values. */
export const escapeHtml = (text: string): string => Handlebars.Utils.escapeExpression(text);

/**
 * A link target this stage accepts: a relative URL or an http(s) one. Anything else (a
 * `javascript:` or `data:` URL) would be a bug in the caller, never user content to pass on.
 */
export function checkHref(href: string, what: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (href.trim() === '' || (scheme !== undefined && scheme !== 'http' && scheme !== 'https')) {
    throw new InternalError(`The link of ${what} is not a relative or http(s) URL: ${JSON.stringify(href)}`);
  }
  return href;
}
