import type { Nodes, Parents, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../diagnostics/index.js';
import type { LintBrief, LintInput } from './types.js';

/** The mark that exempts the next block (a paragraph or a whole list): text about the collection itself. */
const exemption = /^<!--\s*uncited\s*-->$/;

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

function hasNote(node: Nodes): boolean {
  let found = false;
  visit(node, 'footnoteReference', () => {
    found = true;
    return false;
  });
  return found;
}

function isExempt(parent: Parents | undefined, index: number | undefined): boolean {
  const previous = parent && index !== undefined && index > 0 ? parent.children[index - 1] : undefined;
  return previous?.type === 'html' && exemption.test(previous.value.trim());
}

function lintBrief(brief: LintBrief): VFileMessage[] {
  const tree: Root = brief.tree ?? parser.parse(String(brief.file.value));
  const messages: VFileMessage[] = [];
  visit(tree, (node, index, parent) => {
    if (node.type === 'footnoteDefinition' || node.type === 'table' || node.type === 'yaml' || node.type === 'heading') return SKIP;
    if ((node.type === 'paragraph' || node.type === 'list') && isExempt(parent, index)) return SKIP;
    if (node.type !== 'paragraph' || hasNote(node)) return undefined;
    const text = toString(node).replace(/\s+/g, ' ').trim();
    if (text === '') return SKIP;
    // Handlebars keeps no source map: the compose stage traces each Markdown line to the
    // template line it comes from (exact for template text; a helper's or partial's output
    // points at the line that calls it).
    const markdownLine = node.position?.start.line ?? 1;
    const line = brief.templateLines?.[markdownLine - 1] ?? markdownLine;
    const message = createMessage(codes.paragraphUncited, [text.length > 70 ? `${text.slice(0, 69)}…` : text], {
      place: { line, column: 1 },
      stage: 'lint',
    });
    message.file = brief.file.path;
    message.fatal = false;
    messages.push(message);
    return SKIP;
  });
  return messages;
}

/** Paragraphs and list items of the briefs that carry no note, reported at their template line. */
export function findUncitedParagraphs(input: LintInput): VFileMessage[] {
  return input.briefs.flatMap(lintBrief);
}
