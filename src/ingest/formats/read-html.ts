import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
// Imported statically: this module is itself loaded on first use, and a dynamic import() of a
// CommonJS package loses its named exports in the esbuild bundle (scripts/bundle.mjs checks).
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Block, Extracted } from './types.js';
import { FormatError } from './types.js';

/** Elements whose text is one block of the main text (unless they hold blocks themselves). */
const blockTags = new Set(['p', 'li', 'blockquote', 'pre', 'td', 'th', 'dt', 'dd', 'figcaption', 'caption', 'address', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Containers: their text is split into the blocks they hold. */
const containerTags = new Set(['div', 'section', 'article', 'main', 'ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'figure', 'header', 'footer', 'aside', 'nav', 'details', 'summary', 'form', 'fieldset', 'center', 'body', 'html']);
const headingDepth = (tag: string) => (/^h[1-6]$/.test(tag) ? Number(tag[1]) : undefined);

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function holdsBlocks(node: Element): boolean {
  return node.children.some((child) => child.type === 'element' && (blockTags.has(child.tagName) || containerTags.has(child.tagName) || holdsBlocks(child)));
}

/**
 * The texts of a table row's cells, when every cell is plain text (no blocks inside): the row
 * is then one block, its cells joined by ` | ` as a Markdown table row is. A header table's
 * `<th>Publisher</th><td>…</td>` reads as the row it is, and a row of figures keeps its year.
 */
function rowCells(row: Element): string[] | undefined {
  const cells = row.children.filter((child): child is Element => child.type === 'element');
  if (cells.length === 0 || cells.some((cell) => (cell.tagName !== 'td' && cell.tagName !== 'th') || holdsBlocks(cell))) return undefined;
  return cells.map((cell) => oneLine(toText(cell, { whitespace: 'normal' }))).filter(Boolean);
}

/** Walk the article's tree and collect its blocks in reading order. */
function collectBlocks(nodes: readonly ElementContent[], blocks: Block[]): void {
  let inline: ElementContent[] = [];
  const flushInline = () => {
    const text = oneLine(inline.map((node) => toText(node, { whitespace: 'normal' })).join(''));
    if (text) blocks.push({ kind: 'paragraph', text });
    inline = [];
  };
  for (const node of nodes) {
    const isBlock = node.type === 'element' && (blockTags.has(node.tagName) || containerTags.has(node.tagName) || holdsBlocks(node));
    if (!isBlock) {
      if (node.type === 'element' && node.tagName === 'br') flushInline();
      else inline.push(node);
      continue;
    }
    flushInline();
    const element = node as Element;
    const cells = element.tagName === 'tr' ? rowCells(element) : undefined;
    if (cells) {
      if (cells.length > 0) blocks.push({ kind: 'paragraph', text: cells.join(' | ') });
    } else if (blockTags.has(element.tagName) && !holdsBlocks(element)) {
      const text = oneLine(toText(element, { whitespace: element.tagName === 'pre' ? 'pre' : 'normal' }));
      if (!text) continue;
      const depth = headingDepth(element.tagName);
      blocks.push(depth ? { kind: 'heading', text, depth } : { kind: 'paragraph', text });
    } else {
      collectBlocks(element.children, blocks);
    }
  }
  flushInline();
}

/** The blocks of an HTML fragment or document, in order (no chrome removal). */
export function htmlBlocks(html: string): Block[] {
  const tree: Root = fromHtml(html, { fragment: true });
  const blocks: Block[] = [];
  collectBlocks(tree.children.filter((node): node is ElementContent => node.type !== 'doctype'), blocks);
  return blocks;
}

/**
 * Read a saved web page: @mozilla/readability finds the main text over a linkedom DOM (menus,
 * headers, footers, sidebars and scripts are dropped), then its blocks are taken in order.
 * The page's `<h1>` (or else its `<title>`) leads as a heading when the article lacks it.
 */
export async function readHtml(text: string): Promise<Extracted> {
  let article: { readonly title?: string | null | undefined; readonly content?: string | null | undefined } | null;
  let title = '';
  try {
    const { document } = parseHTML(text);
    // The page's own first-level heading, as it reads (Readability drops it from the article
    // when it repeats the <title>, and trims the <title> itself).
    title = oneLine(document.querySelector('h1')?.textContent ?? document.querySelector('title')?.textContent ?? '');
    article = new Readability<string>(document as unknown as Document, { charThreshold: 200 }).parse();
  } catch (error) {
    throw new FormatError('html', `its main text could not be found (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const content = article?.content ?? '';
  const blocks = htmlBlocks(content);
  if (blocks.every((block) => block.kind === 'heading')) {
    throw new FormatError('html', 'no main text was found in the page (it may load its text with scripts: save the page after it has loaded, or as plain text)');
  }
  if (title && !blocks.some((block) => block.kind === 'heading' && block.text === title)) blocks.unshift({ kind: 'heading', text: title, depth: 1 });
  return { blocks };
}
