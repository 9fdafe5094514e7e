import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { noResultCache, type ResultCache } from '../cache/index.js';
import type { BriefProcessor } from './processor.js';

/**
 * A brief's Markdown parsed into its syntax tree (mdast, with positions), or the tree parsed
 * from the same text before, from the result cache: parsing is a pure function of the text
 * (and of the tool, which keys every entry), and the costliest step of turning a brief into
 * HTML. The tree comes back new either way: the pipeline's transforms change it in place.
 *
 * A kept tree is data, never trusted as markup: the raw HTML it could hold is dropped and the
 * HTML sanitised after it, as for a fresh parse. One that is not a tree of nodes is a miss.
 */
export function parseMarkdown(processor: BriefProcessor, file: VFile, cache: ResultCache = noResultCache): Root {
  const entry = cache.entry('mdast', { markdown: String(file.value) });
  const kept = entry.get(isRoot);
  if (kept) return kept;
  const tree = processor.parse(file);
  entry.set(tree);
  return tree;
}

function isRoot(value: unknown): value is Root {
  return isNode(value) && (value as { readonly type: string }).type === 'root';
}

function isNode(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const node = value as { readonly type?: unknown; readonly children?: unknown; readonly value?: unknown };
  if (typeof node.type !== 'string') return false;
  if (node.value !== undefined && typeof node.value !== 'string') return false;
  return node.children === undefined || (Array.isArray(node.children) && node.children.every(isNode));
}
