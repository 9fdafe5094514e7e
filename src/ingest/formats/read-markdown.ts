import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Block } from './types.js';

/** Block nodes whose children are blocks again. */
const containers = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition']);

function collect(node: Nodes, blocks: Block[]): void {
  const line = node.position?.start.line;
  const at = line !== undefined ? { line } : {};
  switch (node.type) {
    case 'heading':
      blocks.push({ kind: 'heading', text: toString(node), depth: node.depth, ...at });
      return;
    case 'paragraph':
    case 'code':
      blocks.push({ kind: 'paragraph', text: node.type === 'code' ? node.value : toString(node), ...at });
      return;
    case 'table':
      // One paragraph per row, cells separated by ` | ` as the source writes them.
      for (const row of node.children) {
        blocks.push({ kind: 'paragraph', text: row.children.map((cell) => toString(cell)).join(' | '), ...(row.position ? { line: row.position.start.line } : {}) });
      }
      return;
    default:
      if (containers.has(node.type) && 'children' in node) for (const child of node.children) collect(child as Nodes, blocks);
  }
}

/**
 * Read a Markdown document (CommonMark + GFM, YAML front matter skipped): its text as it reads,
 * without markup (`[the report](…)` → `the report`, `**Tier 2**` → `Tier 2`). Every block keeps
 * the line it starts on.
 */
export function readMarkdown(text: string): { blocks: Block[] } {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).parse(text) as Root;
  const blocks: Block[] = [];
  collect(tree, blocks);
  return { blocks: blocks.map((block) => ({ ...block, text: block.text.replace(/\s+/g, ' ').trim() })).filter((block) => block.text !== '') };
}
