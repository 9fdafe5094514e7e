import type { Html, Image, Link, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { codes, reportWarning } from '../diagnostics/index.js';
import type { Fact } from './load-facts.js';

const safeUrl = /^(https?:|mailto:|#)/i;

/**
 * Warn about markup in statements and notes that the briefs will not show: raw HTML (dropped,
 * never rendered) and links that are not http(s), mailto or in-page (`javascript:`, `file:` …).
 * Each warning names the fact and points at its entry in facts.yaml.
 */
export function checkStatementMarkup(facts: Iterable<Fact>, factsFile: VFile): VFileMessage[] {
  const parser = unified().use(remarkParse).use(remarkGfm);
  const messages: VFileMessage[] = [];
  for (const fact of facts) {
    for (const text of [fact.statement, fact.note ?? '']) {
      if (!/[<:!]/.test(text)) continue;
      const tree = parser.parse(text) as Root;
      visit(tree, (node) => {
        if (node.type === 'html') {
          const html = (node as Html).value.trim();
          messages.push(reportWarning(factsFile, codes.unsafeMarkup, [fact.id, `raw HTML ${JSON.stringify(html.slice(0, 80))}`], { place: fact.place, stage: 'facts' }));
        }
        if (node.type === 'image' && !(node as Image).url.startsWith('data:')) {
          messages.push(reportWarning(factsFile, codes.unsafeMarkup, [fact.id, `the image ${JSON.stringify((node as Image).url.slice(0, 80))}`], { place: fact.place, stage: 'facts' }));
        }
        if (node.type === 'link' && !safeUrl.test((node as Link).url)) {
          messages.push(reportWarning(factsFile, codes.unsafeMarkup, [fact.id, `the link ${JSON.stringify((node as Link).url.slice(0, 80))}`], { place: fact.place, stage: 'facts' }));
        }
      });
    }
  }
  return messages;
}
