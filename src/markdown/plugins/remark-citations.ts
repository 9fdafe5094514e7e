import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import type { FootnoteDefinition, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { FormattedNote } from '../../cite/index.js';
import { codes, reportError } from '../../diagnostics/index.js';
import { passageHref } from '../../ingest/index.js';

/** CSL HTML (`<i>`, `<a>` …) as Markdown phrasing nodes. */
export function htmlToPhrasing(html: string): PhrasingContent[] {
  const mdast = toMdast(fromHtml(html, { fragment: true }));
  if (mdast.type !== 'root') return [];
  const first = mdast.children[0];
  if (mdast.children.length === 1 && first?.type === 'paragraph') return first.children;
  return mdast.children.filter((node): node is PhrasingContent => node.type !== 'paragraph');
}

/**
 * Excerpts a note prints: the first of each source, at most two, and only one when the note
 * cites three sources or more (its references are long already); the ¶ list locates the rest.
 */
function noteChildren(note: FormattedNote): PhrasingContent[] {
  const firstOfSource = note.excerpts.filter((excerpt, index) => note.excerpts.findIndex((other) => other.sourceId === excerpt.sourceId) === index);
  const shown = firstOfSource.slice(0, firstOfSource.length >= 3 ? 1 : 2);
  const more = note.excerpts.length - shown.length;
  // Each excerpt links to its passage, highlighted in the source viewer (the PDF drops the link).
  const quoted: PhrasingContent[] = shown.flatMap((excerpt, index): PhrasingContent[] => [
    ...(index > 0 ? [{ type: 'text', value: '; ' } as const] : []),
    {
      type: 'link',
      url: passageHref(excerpt.sourceId, excerpt.paragraph, excerpt.start, excerpt.end),
      title: 'The passage in the source',
      data: { hProperties: { className: ['passage'] } },
      children: [{ type: 'text', value: `“${excerpt.text}”` }],
    },
  ]);
  const rest = more > 0 ? ` and ${more} more passage${more > 1 ? 's' : ''}` : '';
  return [...htmlToPhrasing(note.referenceHtml), { type: 'text', value: ' Quoted: ' }, ...quoted, ...(rest ? [{ type: 'text', value: rest } as const] : [])];
}

/**
 * Turn the brief's footnote markers (`[^fact-id]`, written by the `fact` and `cite` helpers)
 * into numbered notes: each fact once, in order of first use, formatted by
 * `file.data.formatNotes` (the CSL stage); facts citing the same passages share a note.
 * Unknown markers are errors.
 */
export default function remarkCitations() {
  return (tree: Root, file: VFile) => {
    const format = file.data.formatNotes;
    if (!format) return;
    const order: string[] = [];
    visit(tree, 'footnoteReference', (node) => {
      if (order.includes(node.identifier)) return;
      if (!format.knows(node.identifier)) {
        reportError(file, codes.unknownCitation, [node.label ?? node.identifier], { place: node.position, stage: 'markdown' });
        return;
      }
      order.push(node.identifier);
    });
    // Notes are generated from facts; hand-written definitions would shadow them.
    tree.children = tree.children.filter((node) => node.type !== 'footnoteDefinition');
    const citations = format.format(order);
    file.data.citations = citations;
    // Facts that share a note (same passages) point at the note of the first of them.
    const shared = new Map(citations.notes.flatMap((note) => (note.aliases ?? []).map((alias) => [alias, note.factId] as const)));
    if (shared.size > 0) {
      visit(tree, 'footnoteReference', (node) => {
        const primary = shared.get(node.identifier);
        if (primary !== undefined) {
          node.identifier = primary;
          node.label = primary;
        }
      });
    }
    for (const note of citations.notes) {
      const definition: FootnoteDefinition = {
        type: 'footnoteDefinition',
        identifier: note.factId,
        label: note.factId,
        children: [{ type: 'paragraph', children: noteChildren(note) }],
      };
      tree.children.push(definition);
    }
  };
}
