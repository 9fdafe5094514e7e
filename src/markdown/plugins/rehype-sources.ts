import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { VFile } from 'vfile';
import { englishLocale, type Locale } from '../../locale/index.js';

/**
 * Append the "Sources" section: each cited document once, as the CSL bibliography formats it
 * (`file.data.citations.bibliography`).
 */
export default function rehypeSources(options: { readonly language?: Locale } = {}) {
  const heading = (options.language ?? englishLocale()).t('sources');
  return (tree: Root, file: VFile) => {
    const bibliography = file.data.citations?.bibliography ?? [];
    if (bibliography.length === 0) return;
    const items: ElementContent[] = bibliography.map((entry) => ({
      type: 'element',
      tagName: 'li',
      properties: { id: `source-${entry.sourceId}` },
      children: fromHtml(entry.html, { fragment: true }).children as ElementContent[],
    }));
    const section: Element = {
      type: 'element',
      tagName: 'section',
      properties: { className: ['sources'], ariaLabelledBy: ['sources-heading'] },
      children: [
        { type: 'element', tagName: 'h2', properties: { id: 'sources-heading' }, children: [{ type: 'text', value: heading }] },
        { type: 'element', tagName: 'ul', properties: {}, children: items },
      ],
    };
    tree.children.push(section);
  };
}
