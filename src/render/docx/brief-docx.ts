/**
 * A prepared brief as a Word document (`briefs build --format docx`), made with the `docx`
 * package from the brief's HTML body: headings as Word's heading styles, the notes as real Word
 * footnotes (the text the PDF prints, in its order), tables with a repeating header row, the
 * Evidence annex and the Sources list as ordinary sections. Each chart panel is drawn as a PNG
 * image (resvg) with its text alternative as the image's alt text.
 *
 * Loaded only when a docx output is built (a dynamic import in run-build.ts).
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  SimpleField,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import { Resvg } from '@resvg/resvg-js';
import type { FrontMatter } from '../../markdown/index.js';

/** What the converter needs of a prepared brief. */
export interface DocxBrief {
  readonly briefId: string;
  readonly matter: FrontMatter;
  /** The brief's HTML body (fragment), as the pipeline emits it. */
  readonly body: string;
}

export interface DocxOptions {
  /** The document's author (`config.author`). */
  readonly author: string;
  /** Creation and modification date in docProps/core.xml (the pinned date); default now. */
  readonly date?: Date | undefined;
}

const bodyFont = 'Source Serif 4';
const headingFont = 'Source Sans 3';
const headings = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

interface Format {
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly superScript?: boolean;
  readonly subScript?: boolean;
  readonly code?: boolean;
}

interface Context {
  /** Footnote number (as in `fn-N`) → its Word footnote id, for the notes that exist. */
  readonly notes: ReadonlyMap<string, number>;
  /** Numbered lists so far in this document (each restarts its numbering). */
  lists: number;
  /** Drawings so far: each needs a document-unique id (docx's own counter is shared by the process). */
  drawings: number;
}

/**
 * A link as a HYPERLINK field (`w:fldSimple`) around its runs. docx's ExternalHyperlink names its
 * relationship with a random id, so the same brief would give another document.xml each build.
 */
class HyperlinkField extends SimpleField {
  constructor(url: string, runs: readonly ParagraphChild[]) {
    super(`HYPERLINK "${url.replace(/["\\]/g, (character) => `\\${character}`)}"`);
    for (const run of runs) this.root.push(run);
  }
}

const isElement = (node: RootContent | ElementContent | Root): node is Element => node.type === 'element';
const classes = (node: Element): string[] => {
  const value: unknown = node.properties['className'];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
};
const has = (node: Element, name: string) => node.properties[name] !== undefined && node.properties[name] !== null && node.properties[name] !== false;

/** The note id a footnote reference points to (`#fn-3` → `3`), if it is one. */
function noteRef(node: Element): string | undefined {
  if (node.tagName !== 'a' || !has(node, 'dataFootnoteRef')) return undefined;
  const href = String(node.properties['href'] ?? '');
  return /^#fn-(.+)$/.exec(href)?.[1];
}

/** Runs of phrasing content. White space collapsed as a browser does (trimmed per paragraph by `trimRuns`). */
function inline(nodes: readonly ElementContent[], format: Format, context: Context, link?: string): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = node.value.replace(/\s+/g, ' ');
      if (text === '') continue;
      runs.push(
        new TextRun({
          text,
          ...(format.bold ? { bold: true } : {}),
          ...(format.italics ? { italics: true } : {}),
          ...(format.superScript ? { superScript: true } : {}),
          ...(format.subScript ? { subScript: true } : {}),
          ...(format.code ? { font: 'Courier New' } : {}),
          ...(link ? { style: 'Hyperlink' } : {}),
        }),
      );
      continue;
    }
    if (!isElement(node)) continue;
    const ref = noteRef(node);
    if (ref !== undefined) {
      const id = context.notes.get(ref);
      runs.push(id !== undefined ? new FootnoteReferenceRun(id) : new TextRun({ text: toText(node), superScript: true }));
      continue;
    }
    switch (node.tagName) {
      case 'sup': {
        // A footnote marker: the reference run alone (Word sets it as a superscript).
        const only = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
        if (only.length === 1 && isElement(only[0]!) && noteRef(only[0]) !== undefined) runs.push(...inline(only, format, context, link));
        else runs.push(...inline(node.children, { ...format, superScript: true }, context, link));
        break;
      }
      case 'sub':
        runs.push(...inline(node.children, { ...format, subScript: true }, context, link));
        break;
      case 'strong':
      case 'b':
        runs.push(...inline(node.children, { ...format, bold: true }, context, link));
        break;
      case 'em':
      case 'i':
      case 'cite':
        runs.push(...inline(node.children, { ...format, italics: true }, context, link));
        break;
      case 'code':
      case 'kbd':
        runs.push(...inline(node.children, { ...format, code: true }, context, link));
        break;
      case 'br':
        runs.push(new TextRun({ text: '', break: 1 }));
        break;
      case 'a': {
        // Back links and the "(original page)" links are not printed in the PDF either.
        if (has(node, 'dataFootnoteBackref') || classes(node).includes('original')) break;
        const href = String(node.properties['href'] ?? '');
        const children = inline(node.children, format, context, href || undefined);
        if (link || href === '' || href.startsWith('#')) runs.push(...children);
        else runs.push(new HyperlinkField(href, children));
        break;
      }
      case 'img': {
        const alt = String(node.properties['alt'] ?? '').trim();
        if (alt) runs.push(new TextRun({ text: alt, italics: true }));
        break;
      }
      case 'svg':
      case 'script':
      case 'style':
      case 'template':
        break;
      default:
        runs.push(...inline(node.children, format, context, link));
    }
  }
  return runs;
}

/** Drop the white space a paragraph starts and ends with (a text run at either end of only spaces). */
function trimRuns(nodes: readonly ElementContent[]): ElementContent[] {
  const copy = [...nodes];
  while (copy.length > 0 && copy[0]!.type === 'text' && copy[0]!.value.trim() === '') copy.shift();
  while (copy.length > 0 && copy.at(-1)!.type === 'text' && (copy.at(-1) as { value: string }).value.trim() === '') copy.pop();
  if (copy[0]?.type === 'text') copy[0] = { ...copy[0], value: copy[0].value.replace(/^\s+/, '') };
  const last = copy.at(-1);
  if (last?.type === 'text') copy[copy.length - 1] = { ...last, value: last.value.replace(/\s+$/, '') };
  return copy;
}

const blockTags = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'blockquote', 'figure', 'section', 'div', 'pre', 'hr', 'header', 'footer', 'main', 'article', 'aside', 'nav', 'dl', 'details']);
const isBlock = (node: ElementContent) => isElement(node) && blockTags.has(node.tagName);

type Block = Paragraph | Table;

interface BlockState {
  readonly style?: string;
  readonly list?: { readonly ordered: boolean; readonly level: number; readonly instance: number };
  readonly italics?: boolean;
}


/** A paragraph of phrasing content, in the state's style (quotation, list item …). */
function paragraph(nodes: readonly ElementContent[], state: BlockState, context: Context, extra: { heading?: (typeof headings)[number] } = {}): Paragraph | undefined {
  const children = inline(trimRuns(nodes), state.italics ? { italics: true } : {}, context);
  if (children.length === 0) return undefined;
  return new Paragraph({
    children,
    ...(extra.heading ? { heading: extra.heading } : {}),
    ...(state.style && !extra.heading ? { style: state.style } : {}),
    ...(state.list && !extra.heading
      ? state.list.ordered
        ? { numbering: { reference: 'ordered', level: state.list.level, instance: state.list.instance } }
        : { bullet: { level: state.list.level } }
      : {}),
  });
}

/** Word blocks of a run of nodes: phrasing content between blocks makes a paragraph of its own. */
function blocks(nodes: readonly ElementContent[], state: BlockState, context: Context): Block[] {
  const out: Block[] = [];
  let pending: ElementContent[] = [];
  const flush = () => {
    const made = paragraph(pending, state, context);
    if (made) out.push(made);
    pending = [];
  };
  for (const node of nodes) {
    if (!isBlock(node)) {
      if (node.type === 'text' || isElement(node)) pending.push(node);
      continue;
    }
    flush();
    out.push(...block(node as Element, state, context));
  }
  flush();
  return out;
}

function block(node: Element, state: BlockState, context: Context): Block[] {
  switch (node.tagName) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6': {
      const level = Math.min(Number(node.tagName.slice(1)), 4) - 1;
      const made = paragraph(node.children, {}, context, { heading: headings[level]! });
      return made ? [made] : [];
    }
    case 'p':
      return blocks(node.children, state, context);
    case 'pre': {
      const made = paragraph([{ type: 'element', tagName: 'code', properties: {}, children: node.children }], state, context);
      return made ? [made] : [];
    }
    case 'hr':
      return [];
    case 'ul':
    case 'ol': {
      const ordered = node.tagName === 'ol';
      const level = state.list ? Math.min(state.list.level + 1, 8) : 0;
      const instance = ordered ? ++context.lists : 0;
      const out: Block[] = [];
      for (const item of node.children) {
        if (!isElement(item) || item.tagName !== 'li') continue;
        const itemState: BlockState = { ...state, list: { ordered, level, instance } };
        // The item's first paragraph carries the bullet; nested lists go one level in.
        const made = blocks(item.children, itemState, context);
        out.push(...made);
      }
      return out;
    }
    case 'blockquote':
      return blocks(node.children, { ...state, style: 'Quote' }, context);
    case 'table':
      return [table(node, context)];
    case 'figure':
      return figure(node, state, context);
    case 'section':
      // The notes are Word footnotes now: their section is not repeated at the end.
      if (has(node, 'dataFootnotes')) return [];
      return blocks(node.children, state, context);
    default:
      return blocks(node.children, state, context);
  }
}

/** Widest a chart is drawn in the document, in pixels at 96 per inch (the text column of A4 with 2.5 cm margins). */
const chartWidthPx = 600;

/**
 * A chart panel as a PNG image (the SVG drawn by resvg, at twice the size it is shown, with the
 * system's fonts) with its text alternative as the image's alt text.
 */
function chartImage(svg: Element, label: string, context: Context): Paragraph {
  const markup = toHtml({ ...svg, properties: { ...svg.properties, xmlns: 'http://www.w3.org/2000/svg' } }, { space: 'svg' });
  const viewBox = String(svg.properties['viewBox'] ?? '').split(/[\s,]+/).map(Number);
  const width = Number(svg.properties['width']) || viewBox[2] || chartWidthPx;
  const height = Number(svg.properties['height']) || viewBox[3] || width / 2;
  const shown = Math.min(chartWidthPx, width);
  const png = new Resvg(markup, { fitTo: { mode: 'width', value: Math.round(shown * 2) }, font: { loadSystemFonts: true }, background: 'white' }).render().asPng();
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width: Math.round(shown), height: Math.round((shown * height) / width) },
        altText: { id: String(++context.drawings), name: `Chart ${context.drawings}`, title: label.slice(0, 200) || 'Chart', description: label || 'Chart' },
      }),
    ],
  });
}

/** A chart: its title, subtitle, each panel drawn as an image with its text alternative, the caption. */
function figure(node: Element, state: BlockState, context: Context): Block[] {
  const out: Block[] = [];
  const italic = { ...state, italics: true };
  const visit = (element: Element) => {
    for (const child of element.children) {
      if (!isElement(child)) continue;
      if (child.tagName === 'svg') {
        if (child.properties['ariaHidden'] === 'true') continue;
        const label = String(child.properties['ariaLabel'] ?? '').trim();
        out.push(chartImage(child, label, context));
      } else if (child.tagName === 'img') {
        const alt = String(child.properties['alt'] ?? '').trim();
        if (alt) out.push(new Paragraph({ children: [new TextRun({ text: alt, italics: true })] }));
      } else if (child.tagName === 'ul' && classes(child).includes('chart-key')) {
        // The key to the drawing's marks, in one small line.
        const keys = child.children.filter(isElement).map((item) => toText(item).replace(/\s+/g, ' ').trim()).filter(Boolean);
        if (keys.length > 0) out.push(new Paragraph({ children: [new TextRun({ text: keys.join('; '), italics: true, size: 18 })] }));
      } else if (child.tagName === 'table') {
        out.push(table(child, context));
      } else if (child.tagName === 'p' || /^h[1-6]$/.test(child.tagName)) {
        const made = paragraph(child.children, italic, context);
        if (made) out.push(made);
      } else {
        visit(child);
      }
    }
  };
  visit(node);
  return out;
}

function table(node: Element, context: Context): Table {
  const rows: { cells: Element[]; header: boolean }[] = [];
  const collect = (element: Element, header: boolean) => {
    for (const child of element.children) {
      if (!isElement(child)) continue;
      if (child.tagName === 'thead') collect(child, true);
      else if (child.tagName === 'tbody' || child.tagName === 'tfoot') collect(child, false);
      else if (child.tagName === 'tr') {
        const cells = child.children.filter((cell): cell is Element => isElement(cell) && (cell.tagName === 'td' || cell.tagName === 'th'));
        rows.push({ cells, header: header || (rows.length === 0 && cells.every((cell) => cell.tagName === 'th')) });
      }
    }
  };
  collect(node, false);
  // Word repeats the header row on each page; the first row is the header (as the HTML's thead).
  if (rows.length > 0 && !rows.some((row) => row.header)) rows[0]!.header = true;
  const columns = Math.max(1, ...rows.map((row) => row.cells.length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row) =>
        new TableRow({
          ...(row.header ? { tableHeader: true } : {}),
          children: row.cells.map((cell) => {
            const made = blocks(cell.children, row.header || cell.tagName === 'th' ? {} : {}, context);
            const children = made.length > 0 ? made : [new Paragraph({})];
            const span = Number(cell.properties['colSpan'] ?? 1);
            return new TableCell({
              children: row.header ? children.map((child) => (child instanceof Paragraph ? boldParagraph(cell, context) ?? child : child)) : children,
              ...(span > 1 ? { columnSpan: span } : {}),
              width: { size: Math.round(100 / columns), type: WidthType.PERCENTAGE },
            });
          }),
        }),
    ),
  });
}

/** A header cell's text, bold. */
function boldParagraph(cell: Element, context: Context): Paragraph | undefined {
  const children = inline(trimRuns(cell.children), { bold: true }, context);
  return children.length > 0 ? new Paragraph({ children }) : undefined;
}

/** The notes of the body's notes section (`li#fn-N`), as Word footnotes (their text as the PDF prints it). */
function footnotesOf(tree: Root): { byRef: Map<string, number>; notes: Record<number, Element> } {
  const byRef = new Map<string, number>();
  const notes: Record<number, Element> = {};
  let next = 1;
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.tagName === 'section' && has(child, 'dataFootnotes')) {
        const items = (element: Element) => {
          for (const item of element.children) {
            if (!isElement(item)) continue;
            const id = /^fn-(.+)$/.exec(String(item.properties['id'] ?? ''))?.[1];
            if (item.tagName === 'li' && id !== undefined) {
              byRef.set(id, next);
              notes[next++] = item;
            } else items(item);
          }
        };
        items(child);
      } else visit(child);
    }
  };
  visit(tree);
  return { byRef, notes };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** docProps/core.xml with the given dates (docx writes the time of the build) and the language. */
function coreXml(properties: { title: string; subject?: string; creator: string; keywords?: string; language: string; date: Date }): string {
  const date = `${properties.date.toISOString().slice(0, 19)}Z`;
  const element = (name: string, value: string | undefined) => (value ? `<${name}>${escapeXml(value)}</${name}>` : '');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', properties.title) +
    element('dc:subject', properties.subject) +
    element('dc:creator', properties.creator) +
    element('cp:keywords', properties.keywords) +
    element('dc:language', properties.language) +
    element('cp:lastModifiedBy', properties.creator) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** The brief as a .docx file. */
export async function briefToDocx(brief: DocxBrief, options: DocxOptions): Promise<Uint8Array> {
  const tree = fromHtml(brief.body, { fragment: true });
  const { byRef, notes } = footnotesOf(tree);
  const context: Context = { notes: byRef, lists: 0, drawings: 0 };
  const { matter } = brief;
  const language = matter.lang;
  const front: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(matter.title)] })];
  if (matter.subtitle) front.push(new Paragraph({ style: 'Subtitle', children: [new TextRun(matter.subtitle)] }));
  if (matter.summary) front.push(new Paragraph({ children: [new TextRun({ text: matter.summary, italics: true })] }));
  const body = blocks(tree.children as ElementContent[], {}, context);
  const footnotes = Object.fromEntries(
    Object.entries(notes).map(([id, item]) => {
      // A space after the note's number, as Word's own footnotes have.
      const [first, ...rest] = item.children;
      const spaced: ElementContent[] =
        first?.type === 'element' && first.tagName === 'p' ? [{ ...first, children: [{ type: 'text', value: '\u00a0' }, ...first.children] }, ...rest] : [{ type: 'text', value: '\u00a0' }, ...item.children];
      const paragraphs = blocks(spaced, {}, context).filter((made): made is Paragraph => made instanceof Paragraph);
      return [id, { children: paragraphs.length > 0 ? paragraphs : [new Paragraph({})] }];
    }),
  );
  const keywords = matter.keywords.join(', ');
  const document = new Document({
    title: matter.title,
    creator: options.author,
    lastModifiedBy: options.author,
    ...(matter.summary ? { subject: matter.summary, description: matter.summary } : {}),
    ...(keywords ? { keywords } : {}),
    footnotes,
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    styles: {
      default: {
        document: { run: { font: bodyFont, size: 22, language: { value: language } } },
        title: { run: { font: headingFont, size: 44, bold: true } },
        heading1: { run: { font: headingFont, size: 36, bold: true }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: headingFont, size: 28, bold: true }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font: headingFont, size: 24, bold: true }, paragraph: { spacing: { before: 200, after: 80 } } },
        heading4: { run: { font: headingFont, size: 22, bold: true, italics: true }, paragraph: { spacing: { before: 200, after: 80 } } },
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: headingFont, size: 28, color: '444444' } },
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true }, paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 120, after: 120 } } },
      ],
    },
    sections: [{ children: [...front, ...body] }],
  });
  const core = coreXml({ title: matter.title, ...(matter.summary ? { subject: matter.summary } : {}), creator: options.author, ...(keywords ? { keywords } : {}), language, date: options.date ?? new Date() });
  const buffer = await Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: core }]);
  return stableZip(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), options.date);
}

/**
 * The same package with every zip entry stamped with `date` (the pinned edition, or the DOS
 * epoch), in the order docx wrote them: docx's Packer stamps entries with the time of the build,
 * so two builds of the same brief would differ. fflate (the zip library docx itself uses).
 */
function stableZip(zip: Uint8Array, date: Date | undefined): Uint8Array {
  const mtime = date ?? new Date(Date.UTC(1980, 0, 1));
  const entries = unzipSync(zip);
  return zipSync(Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, [data, { mtime, level: 6 }]])) as Zippable);
}
