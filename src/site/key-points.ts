import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { SKIP, visit } from 'unist-util-visit';

const headingNames = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const plain = (node: Element | Root) => toText(node).replace(/\s+/g, ' ').trim();

const isElement = (node: Nodes): node is Element => node.type === 'element';

/** A note marker: `<a data-footnote-ref>`, or the `<sup>` holding one. */
function isNoteMarker(node: Element): boolean {
  if ('dataFootnoteRef' in node.properties) return true;
  if (node.tagName !== 'sup') return false;
  let found = false;
  visit(node, 'element', (child: Element) => {
    if ('dataFootnoteRef' in child.properties) found = true;
  });
  return found;
}

/** An item's plain text without its note markers, white space collapsed. */
function itemText(item: Element): string {
  const copy = structuredClone(item);
  visit(copy, 'element', (node: Element, index, parent) => {
    if (parent && index !== undefined && isNoteMarker(node)) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });
  return plain(copy);
}

/**
 * The key points of a brief: the plain text of each item of the list that follows the `<h2>`
 * "Key points" or "Key findings" (before the next heading) in the brief's body HTML, without note markers.
 * `headings` are the headings looked for besides the English ones: the collection's words for them
 * (`Pikat kryesore`). Empty when the brief has no such heading or list.
 */
export function extractKeyPoints(bodyHtml: string, headings: readonly string[] = []): string[] {
  const tree = fromHtml(bodyHtml, { fragment: true });
  const wanted = new Set(['key points', 'key findings', ...headings.map((heading) => heading.replace(/\s+/g, ' ').trim().toLowerCase())]);
  let points: string[] | undefined;
  visit(tree, 'element', (node: Element, index, parent) => {
    if (points || node.tagName !== 'h2' || !wanted.has(plain(node).toLowerCase()) || !parent || index === undefined) return undefined;
    for (const sibling of parent.children.slice(index + 1)) {
      if (!isElement(sibling)) continue;
      if (headingNames.has(sibling.tagName)) break;
      if (sibling.tagName === 'ul' || sibling.tagName === 'ol') {
        points = sibling.children.filter(isElement).filter((item) => item.tagName === 'li').map(itemText).filter((text) => text !== '');
        break;
      }
    }
    return SKIP;
  });
  return points ?? [];
}
