import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import type { FootnoteDefinition, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { FormattedNote, NoteExcerpt } from '../../cite/index.js';
import { codes, reportError } from '../../diagnostics/index.js';
import { passageHref } from '../../ingest/index.js';
import { noteJoiner } from '../../compose/index.js';
import { evidenceInNote, type EvidencePlacement } from '../evidence.js';
import { englishLocale, type Locale } from '../../locale/index.js';

/**
 * Text that parses to itself: no markup, no character references, no whitespace that HTML
 * would collapse. Most short notes are such (`“Prostitution in Kosovo,” ¶ 4.`).
 */
const plainText = /^[^<&\s](?:[^<&\s]| (?=[^<&\s]))*$/;

/** CSL HTML (`<i>`, `<a>` …) as Markdown phrasing nodes. */
export function htmlToPhrasing(html: string): PhrasingContent[] {
  if (plainText.test(html)) return [{ type: 'text', value: html }];
  const mdast = toMdast(fromHtml(html, { fragment: true }));
  if (mdast.type !== 'root') return [];
  const first = mdast.children[0];
  if (mdast.children.length === 1 && first?.type === 'paragraph') return first.children;
  return mdast.children.filter((node): node is PhrasingContent => node.type !== 'paragraph');
}

/** A quoted passage, linked to its place in the source viewer (the PDF drops the link). */
export function passageLink(excerpt: NoteExcerpt, language: Locale = englishLocale()): PhrasingContent {
  return {
    type: 'link',
    url: passageHref(excerpt.sourceId, excerpt.paragraph, excerpt.start, excerpt.end),
    title: language.t('passageInViewer'),
    data: { hProperties: { className: ['passage'] } },
    children: [{ type: 'text', value: `“${excerpt.text}”` }],
  };
}

/** "(on the page)": the passage on the live web page, for the HTML (print hides it). */
export function originalLink(excerpt: NoteExcerpt, language: Locale = englishLocale()): PhrasingContent[] {
  if (!excerpt.original) return [];
  return [
    { type: 'text', value: ' ' },
    {
      type: 'link',
      url: excerpt.original,
      title: language.t('passageOnOriginal'),
      data: { hProperties: { className: ['original'] } },
      children: [{ type: 'text', value: language.t('originalPage') }],
    },
  ];
}

/** The passages of a note, whole: `“…”`, or `¶ 3: “…”; ¶ 5: “…”` when there are several. */
export function passages(excerpts: readonly NoteExcerpt[], language: Locale = englishLocale()): PhrasingContent[] {
  const several = excerpts.length > 1;
  const sources = new Set(excerpts.map((excerpt) => excerpt.sourceId)).size;
  return excerpts.flatMap((excerpt, index): PhrasingContent[] => [
    ...(index > 0 ? [{ type: 'text', value: '; ' } as const] : []),
    ...(several ? [{ type: 'text', value: `${sources > 1 ? `${excerpt.sourceLabel}, ` : ''}${excerpt.place}: ` } as const] : []),
    passageLink(excerpt, language),
    ...originalLink(excerpt, language),
  ]);
}

/**
 * A note as printed: the reference, then the passages behind it, whole, when they are short
 * (or always, with `--evidence notes`); long ones are quoted in the Evidence annex under the
 * note's number (`--evidence annex`, the default). `--evidence none` prints references only.
 */
function noteChildren(note: FormattedNote, evidence: EvidencePlacement, language: Locale): PhrasingContent[] {
  const reference = htmlToPhrasing(note.referenceHtml);
  if (evidence === 'none') return reference;
  if (evidenceInNote(note, evidence)) return [...reference, { type: 'text', value: ` ${language.t('quoted')} ` }, ...passages(note.excerpts, language)];
  return [...reference, { type: 'text', value: ` ${language.t('passageUnderEvidence')}` }];
}

/**
 * Turn the brief's note markers (`[^fact-id]`, written by the `fact` and `cite` helpers) into
 * numbered notes, Chicago style: one note per marker, in reading order, formatted by
 * `file.data.formatNotes` (the CSL stage: a source's first note in full, later ones short).
 * Each note is printed once, where its marker is. Unknown markers are errors.
 */
export default function remarkCitations(options: { readonly language?: Locale } = {}) {
  const language = options.language ?? englishLocale();
  return (tree: Root, file: VFile) => {
    const format = file.data.formatNotes;
    if (!format) return;
    const cited: string[][] = [];
    visit(tree, 'footnoteReference', (node) => {
      // One marker may stand for several facts (`[^a+b]`, a table row): one note cites them all.
      const ids = (node.label ?? node.identifier).split(noteJoiner);
      const unknown = ids.filter((id) => !format.knows(id));
      if (unknown.length > 0) {
        for (const id of unknown) reportError(file, codes.unknownCitation, [id], { place: node.position, stage: 'markdown' });
        return;
      }
      cited.push(ids);
      // The note's own id: one note per marker.
      node.identifier = String(cited.length);
      node.label = String(cited.length);
    });
    // Notes are generated from facts; hand-written definitions would shadow them.
    tree.children = tree.children.filter((node) => node.type !== 'footnoteDefinition');
    const citations = format.format(cited);
    file.data.citations = citations;
    const evidence = format.evidence ?? 'annex';
    for (const note of citations.notes) {
      const definition: FootnoteDefinition = {
        type: 'footnoteDefinition',
        identifier: String(note.n),
        label: String(note.n),
        children: [{ type: 'paragraph', children: noteChildren(note, evidence, language) }],
      };
      tree.children.push(definition);
    }
  };
}
