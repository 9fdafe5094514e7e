import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import postcss from 'postcss';
import valueParser from 'postcss-value-parser';

/** A font family from an @fontsource package, and the faces the briefs use. */
export interface FontFamily {
  /** The npm package, e.g. `@fontsource/source-serif-4`. */
  readonly package: string;
  readonly weights: readonly number[];
  readonly italic: boolean;
}

/**
 * The briefs' fonts: Source Serif 4 for text, Source Sans 3 for headings, tables and page
 * margins. Both cover Albanian (ë, ç), Serbian Latin (č, ć, đ, š, ž) and Serbian Cyrillic.
 */
export const briefFonts: readonly FontFamily[] = [
  { package: '@fontsource/source-serif-4', weights: [400, 700], italic: true },
  { package: '@fontsource/source-sans-3', weights: [400, 600, 700], italic: false },
];

/** The unicode subsets inlined: Latin, Latin Extended, Cyrillic and Cyrillic Extended. */
export const fontSubsets = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'] as const;

const require = createRequire(import.meta.url);

/** Replace every `url(./files/…)` in a `src` value with the woff2 file inlined as a data: URL. */
async function inlineSrc(value: string, dir: string): Promise<string> {
  const parsed = valueParser(value);
  const woff2: string[] = [];
  parsed.walk((node) => {
    if (node.type === 'function' && node.value === 'url') {
      const target = node.nodes[0]?.value;
      if (target?.endsWith('.woff2')) woff2.push(target);
    }
    return false;
  });
  const file = woff2[0];
  if (!file) throw new Error(`No woff2 file in "${value}"`);
  const data = await readFile(path.join(dir, file));
  return `url(data:font/woff2;base64,${data.toString('base64')}) format('woff2')`;
}

/**
 * The @font-face rules of the briefs' fonts with every font file inlined (data: URLs), so the
 * HTML stands alone and Chromium embeds the same fonts in every PDF on every machine. Each face
 * keeps its `unicode-range` (from the package's per-weight sheet, e.g. `400.css`; the per-subset
 * sheets have none): without it the four subsets of a weight are one composite face, every glyph
 * looked up through all four and every file decoded; with it, a browser decodes only the subsets
 * whose characters the document has (Cyrillic only where there is Cyrillic).
 */
export async function loadFontCss(families: readonly FontFamily[] = briefFonts): Promise<string> {
  const sheets = await Promise.all(
    families.flatMap((family) => {
      const dir = path.dirname(require.resolve(`${family.package}/package.json`));
      return family.weights.flatMap((weight) =>
        (family.italic ? ['normal', 'italic'] : ['normal']).map(async (style) => {
          const file = path.join(dir, `${weight}${style === 'italic' ? '-italic' : ''}.css`);
          const root = postcss.parse(await readFile(file, 'utf8'), { from: file });
          const sources: Promise<void>[] = [];
          root.each((node) => {
            if (node.type !== 'atrule' || node.name !== 'font-face') return;
            // Only the subsets the briefs use (the file names say which: `…-latin-ext-400-normal.woff2`).
            const src = node.nodes?.find((decl) => decl.type === 'decl' && decl.prop === 'src');
            const subset = fontSubsets.find((name) => src?.type === 'decl' && src.value.includes(`-${name}-${weight}-${style}.woff2`));
            if (!subset || src?.type !== 'decl') {
              node.remove();
              return;
            }
            sources.push(inlineSrc(src.value, dir).then((value) => void (src.value = value)));
            node.walkDecls('font-display', (decl) => {
              // Print needs the real font at once, never a fallback swapped in later.
              decl.value = 'block';
            });
          });
          // The name of each face kept stays above it; those of the faces left out go too.
          root.walkComments((comment) => {
            if (comment.next()?.type !== 'atrule') comment.remove();
          });
          await Promise.all(sources);
          return root.toString();
        }),
      );
    }),
  );
  return sheets.join('\n');
}
