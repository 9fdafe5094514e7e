import postcss from 'postcss';
import valueParser from 'postcss-value-parser';
import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../../diagnostics/index.js';

/** A stylesheet of styles/ (the collection's or the built-in one), as the template loader read it. */
export interface StyleSheet {
  readonly path: string;
  readonly source: string;
}

/**
 * The briefs' stylesheets joined, with everything that would load from outside left out: every
 * `@import`, and every declaration whose value has a `url()` that is not a data: URL (a
 * background image on a server, a font from a CDN). A warning names the stylesheet and line
 * of each: opening an HTML brief must make no request.
 */
export function selfContainedCss(sheets: Iterable<StyleSheet>): { readonly css: string; readonly messages: VFileMessage[] } {
  const messages: VFileMessage[] = [];
  const warn = (file: string, line: number | undefined, what: string, url: string) => {
    const message = createMessage(codes.externalResource, [what, url], { stage: 'render', ...(line !== undefined ? { place: { line, column: 1 } } : {}) });
    message.fatal = false;
    message.file = file;
    messages.push(message);
  };
  const parts: string[] = [];
  for (const sheet of sheets) {
    // A quick look first: most stylesheets name no URL, and parsing them would only cost time.
    if (!/@import|url\(/i.test(sheet.source)) {
      parts.push(sheet.source);
      continue;
    }
    const root = postcss.parse(sheet.source, { from: sheet.path });
    root.walkAtRules(/^import$/i, (rule) => {
      warn(sheet.path, rule.source?.start?.line, '@import', rule.params);
      rule.remove();
    });
    root.walkDecls((decl) => {
      const urls: string[] = [];
      valueParser(decl.value).walk((node) => {
        if (node.type === 'function' && node.value.toLowerCase() === 'url') {
          const target = node.nodes.map((child) => child.value).join('').trim();
          if (!target.startsWith('data:')) urls.push(target);
        }
      });
      if (urls.length === 0) return;
      for (const url of urls) warn(sheet.path, decl.source?.start?.line, 'url()', url);
      decl.remove();
    });
    parts.push(root.toString());
  }
  return { css: parts.join('\n'), messages };
}
