import Handlebars from 'handlebars';
import { defaultCollection } from '../../collection/load-collection.js';
import type { Collection } from '../../collection/schema.js';
import { loadLocale, type Locale, type MessageValues } from '../../locale/index.js';

/**
 * The collection as a page layout shows it (`{{collection.title}}` …): text only, `null` where
 * briefs.yaml leaves a field out (layouts run strict: every name they use must be given).
 */
export interface LayoutCollection {
  readonly title: string;
  readonly subtitle: string | null;
  readonly organisation: string | null;
  readonly licence: string | null;
  readonly contact: string | null;
  /** The online edition's address (http or https, as briefs.yaml checked it). */
  readonly site: string | null;
  readonly lang: string;
  /** The handout pack's title. */
  readonly packTitle: string;
  /**
   * The logo as a `data:image/svg+xml;base64,…` URL, for `<img src>`: the SVG is never put in
   * the page as markup (it could carry script).
   */
  readonly logo: string | null;
  /** The accent colour (`#rrggbb`), for `:root { --accent: … }`; null: the styles' own. */
  readonly accent: string | null;
  /** Whether there is anything for a colophon: organisation, licence, contact or site. */
  readonly colophon: boolean;
}

/** What every page layout gets besides its own values: the collection and the interface language. */
export interface LayoutChrome {
  readonly collection: LayoutCollection;
  /** An interface message (`{{t "contents"}}`). */
  readonly t: (key: string, values?: MessageValues) => string;
}

/** The accent colour of the built-in styles (`--accent` in defaults/templates/styles/brief.css). */
export const defaultAccent = '#1f3a5f';

/** The chrome of a collection's pages, in its language. */
export function layoutChrome(collection: Collection, language: Pick<Locale, 't'>): LayoutChrome {
  return {
    collection: {
      title: collection.title,
      subtitle: collection.subtitle ?? null,
      organisation: collection.organisation ?? null,
      licence: collection.licence ?? null,
      contact: collection.contact ?? null,
      site: collection.site ?? null,
      lang: collection.lang,
      packTitle: collection.pack.title,
      logo: collection.logo === undefined ? null : `data:image/svg+xml;base64,${Buffer.from(collection.logo, 'utf8').toString('base64')}`,
      accent: collection.accent ?? null,
      colophon: [collection.organisation, collection.licence, collection.contact, collection.site].some((value) => value !== undefined),
    },
    t: language.t,
  };
}

let fallback: LayoutChrome | undefined;

/** The chrome of a collection without briefs.yaml, in English: for callers that give none. */
export function defaultChrome(): LayoutChrome {
  fallback ??= layoutChrome(defaultCollection(), loadLocale('en'));
  return fallback;
}

/** Handlebars' trusted HTML, from whichever Handlebars environment made it. */
const isTrusted = (value: unknown): value is { toHTML: () => string } =>
  typeof value === 'object' && value !== null && typeof (value as { toHTML?: unknown }).toHTML === 'function';

/**
 * The `t` helper: `{{t "editionOf" date=edition}}` is the message in the collection's language,
 * escaped. A trusted value (the layout's `editionTime`, a `<time>` element) goes in as HTML; in
 * the block form, `{{#t "key"}}<mark>…</mark>{{/t}}`, the block's HTML is the value `content`.
 */
export function messageHelper(t: LayoutChrome['t']): Handlebars.HelperDelegate {
  return function (this: unknown, key: unknown, options: Handlebars.HelperOptions) {
    if (typeof key !== 'string') throw new Error('The helper `t` needs the key of a message: {{t "contents"}}');
    const hash: Record<string, unknown> = { ...(options.hash as Record<string, unknown>) };
    if (typeof options.fn === 'function') hash['content'] = new Handlebars.SafeString(options.fn(this));
    const values: Record<string, string | number> = {};
    const html = new Map<string, string>();
    for (const [name, value] of Object.entries(hash)) {
      if (isTrusted(value)) {
        // A private-use mark stands for the HTML while the message is formatted and escaped.
        const mark = `\uE000${html.size}\uE001`;
        html.set(mark, value.toHTML());
        values[name] = mark;
      } else {
        values[name] = typeof value === 'number' ? value : value === null || value === undefined ? '' : String(value);
      }
    }
    let text = Handlebars.escapeExpression(t(key, values));
    for (const [mark, markup] of html) text = text.split(mark).join(markup);
    return new Handlebars.SafeString(text);
  };
}

/**
 * Compile a page layout (`layouts/*.html.hbs`) in an isolated, strict Handlebars environment:
 * the built-in helpers and `t` only.
 */
export function compileLayout(source: string, chrome: LayoutChrome): Handlebars.TemplateDelegate {
  const env = Handlebars.create();
  env.registerHelper('t', messageHelper(chrome.t));
  return env.compile(source, { strict: true, knownHelpersOnly: true, knownHelpers: { t: true } });
}

/**
 * What every layout gets from the chrome: `collection`, and `editionTime`, the edition date as a
 * `<time datetime="…">` element (`{{t "editionOf" date=editionTime}}`).
 */
export function chromeContext(chrome: LayoutChrome, edition: string, editionIso: string): Record<string, unknown> {
  const escape = Handlebars.escapeExpression;
  return {
    collection: chrome.collection,
    editionTime: new Handlebars.SafeString(`<time datetime="${escape(editionIso)}">${escape(edition)}</time>`),
  };
}
