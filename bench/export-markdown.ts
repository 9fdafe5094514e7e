import type { Element, ElementContent, Root as HastRoot, RootContent as HastRootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toMdast, type Handle, type State } from 'hast-util-to-mdast';
import type { FootnoteDefinition, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';

/** A brief as plain Markdown for the peers, with the files it links to (its charts, as SVG). */
export interface ExportedMarkdown {
  readonly markdown: string;
  readonly assets: readonly { readonly name: string; readonly content: string }[];
}

type Parent = HastRoot | Element;

function isElement(node: HastRootContent | ElementContent | undefined, tagName?: string): node is Element {
  return node?.type === 'element' && (tagName === undefined || node.tagName === tagName);
}

const classes = (node: Element): string[] => {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
};

function find(parent: Parent, test: (node: Element) => boolean): Element | undefined {
  for (const child of parent.children) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const inner = find(child, test);
    if (inner) return inner;
  }
  return undefined;
}

/** A copy of `node` without the note back-links (↩), which Markdown renderers make themselves. */
function withoutBackrefs<T extends Parent>(node: T): T {
  const children = node.children
    .filter((child) => !(isElement(child, 'a') && child.properties.dataFootnoteBackref !== undefined))
    .map((child) => (isElement(child) ? withoutBackrefs(child) : child));
  return { ...node, children } as T;
}

const text = (value: string): PhrasingContent => ({ type: 'text', value });

/**
 * Turn a brief's final HTML (what `briefs build` wrote) back into Markdown: the title block as
 * a heading and paragraphs, the body as it is, note references and the notes as GFM footnotes
 * (`[^id]` / `[^id]: …`), the Sources list as a list, and each chart as an SVG image. This is
 * the pipeline's content with its numbering and formatting done, so the peers typeset the same
 * words, notes and charts; they do not verify quotes or format citations.
 */
export function exportMarkdown(html: string, briefId: string): ExportedMarkdown {
  const tree = fromHtml(html);
  const assets: { name: string; content: string }[] = [];
  const footnoteRef: Handle = (state: State, node: Element) => {
    const link = node.children.find((child): child is Element => isElement(child, 'a') && child.properties.dataFootnoteRef !== undefined);
    const href = link ? String(link.properties.href ?? '') : '';
    if (!href.startsWith('#fn-')) return state.all(node) as Nodes[];
    const identifier = href.slice('#fn-'.length);
    return { type: 'footnoteReference', identifier, label: identifier };
  };
  const section: Handle = (state: State, node: Element) => {
    if (node.properties.dataFootnotes === undefined) return state.toFlow(state.all(node)) as Nodes[];
    const items = find(node, (element) => element.tagName === 'ol')?.children.filter((child): child is Element => isElement(child, 'li')) ?? [];
    return items.map((item): FootnoteDefinition => {
      const identifier = String(item.properties.id ?? '').replace(/^fn-/, '');
      return { type: 'footnoteDefinition', identifier, label: identifier, children: state.toFlow(state.all(withoutBackrefs(item))) };
    });
  };
  // A chart is one SVG per panel (and small key glyphs): each panel becomes an image of its own.
  const figure: Handle = (state: State, node: Element) => {
    const panels: Element[] = [];
    const collect = (element: Element) => {
      for (const child of element.children) {
        if (!isElement(child)) continue;
        if (child.tagName === 'svg' && classes(child).includes('chart-panel')) panels.push(child);
        else collect(child);
      }
    };
    collect(node);
    if (panels.length === 0 || !classes(node).includes('chart')) return state.toFlow(state.all(node)) as Nodes[];
    return panels.map((svg) => {
      const name = `${briefId}-chart-${assets.length + 1}.svg`;
      assets.push({ name, content: toHtml(svg, { space: 'svg' }) });
      return { type: 'paragraph', children: [{ type: 'image', url: name, alt: String(svg.properties.ariaLabel ?? `Chart ${assets.length}`) }] } as Nodes;
    });
  };
  const handlers = { sup: footnoteRef, section, figure };

  const header = find(tree, (node) => node.tagName === 'header');
  const main = find(tree, (node) => node.tagName === 'main');
  if (!header || !main) throw new Error(`${briefId}: no <header> and <main> in the HTML; has the layout changed?`);
  const title = find(header, (node) => node.tagName === 'h1');
  const lines = header.children
    .filter((child): child is Element => isElement(child, 'p') && !classes(child).includes('series'))
    .map((paragraph): RootContent => ({ type: 'paragraph', children: toPhrasing(paragraph, handlers) }));
  const body = toMdast({ type: 'root', children: main.children }, { handlers });
  const root: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: title ? toPhrasing(title, handlers) : [text(briefId)] },
      ...lines,
      ...(body.type === 'root' ? body.children : []),
    ],
  };
  return { markdown: toMarkdown(root, { extensions: [gfmToMarkdown()] }), assets };
}

function toPhrasing(node: Element, handlers: Record<string, Handle>): PhrasingContent[] {
  const converted = toMdast({ type: 'root', children: node.children }, { handlers, document: false });
  if (converted.type !== 'root') return [];
  return converted.children.flatMap((child) => (child.type === 'paragraph' ? child.children : [child as PhrasingContent]));
}
