import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { englishLocale, type Locale } from '../../locale/index.js';
import type { NoteExcerpt } from '../../cite/index.js';
import { passageHref } from '../../ingest/index.js';
import { evidenceEntries } from '../evidence.js';

const text = (value: string): ElementContent => ({ type: 'text', value });

function passage(excerpt: NoteExcerpt, language: Locale): ElementContent[] {
  const link: Element = {
    type: 'element',
    tagName: 'a',
    properties: { href: passageHref(excerpt.sourceId, excerpt.paragraph, excerpt.start, excerpt.end), className: ['passage'], title: language.t('passageInViewer') },
    children: [text(`“${excerpt.text}”`)],
  };
  const original: ElementContent[] = excerpt.original
    ? [text(' '), { type: 'element', tagName: 'a', properties: { href: excerpt.original, className: ['original'], title: language.t('passageOnOriginal') }, children: [text(language.t('originalPage'))] }]
    : [];
  return [link, ...original];
}

/**
 * Append the "Evidence" annex (before Sources): the whole passage behind every note that is too
 * long to quote in the note itself, keyed by note number, so a reader of the printed brief can
 * check every note. Nothing when every note quotes its passages (or `--evidence notes|none`).
 */
export default function rehypeEvidence(options: { readonly language?: Locale } = {}) {
  const language = options.language ?? englishLocale();
  return (tree: Root, file: VFile) => {
    const notes = file.data.citations?.notes ?? [];
    const entries = evidenceEntries(notes, file.data.formatNotes?.evidence ?? 'annex');
    if (entries.length === 0) return;
    // Passages of one source that the same notes rest on are one item: "7, 9. Source, ¶ 3: “…”; ¶ 5: “…”".
    const groups: { notes: string; excerpts: NoteExcerpt[] }[] = [];
    for (const entry of entries) {
      const notesKey = entry.notes.join(', ');
      const last = groups.at(-1);
      if (last && last.notes === notesKey && last.excerpts[0]!.sourceId === entry.excerpt.sourceId) last.excerpts.push(entry.excerpt);
      else groups.push({ notes: notesKey, excerpts: [entry.excerpt] });
    }
    const items: ElementContent[] = groups.map((group, index) => ({
      type: 'element',
      tagName: 'li',
      properties: { id: `evidence-${index + 1}` },
      children: [
        { type: 'element', tagName: 'span', properties: { className: ['evidence-notes'] }, children: [text(`${group.notes}.`)] },
        text(` ${group.excerpts[0]!.sourceLabel}, `),
        ...group.excerpts.flatMap((excerpt, at) => [...(at > 0 ? [text('; ')] : []), text(`${excerpt.place}: `), ...passage(excerpt, language)]),
      ],
    }));
    const section: Element = {
      type: 'element',
      tagName: 'section',
      properties: { className: ['evidence'], ariaLabelledBy: ['evidence-heading'] },
      children: [
        { type: 'element', tagName: 'h2', properties: { id: 'evidence-heading' }, children: [text(language.t('evidence'))] },
        {
          type: 'element',
          tagName: 'p',
          properties: { className: ['evidence-intro'] },
          children: [text(language.t('evidenceIntro'))],
        },
        { type: 'element', tagName: 'ul', properties: {}, children: items },
      ],
    };
    tree.children.push(section);
  };
}
