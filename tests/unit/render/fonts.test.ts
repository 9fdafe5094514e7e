import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import { briefFonts, fontSubsets, loadFontCss } from '../../../src/render/index.js';

describe('loadFontCss', () => {
  it('inlines one face per weight, style and subset, each with its unicode-range', async () => {
    const css = await loadFontCss();
    const faces: { family: string; weight: string; style: string; range: string | undefined; src: string }[] = [];
    postcss.parse(css).walkAtRules('font-face', (rule) => {
      const get = (prop: string) => rule.nodes?.find((node) => node.type === 'decl' && node.prop === prop);
      const value = (prop: string) => {
        const decl = get(prop);
        return decl?.type === 'decl' ? decl.value : undefined;
      };
      faces.push({ family: value('font-family')!, weight: value('font-weight')!, style: value('font-style')!, range: value('unicode-range'), src: value('src')! });
    });
    const expected = briefFonts.reduce((sum, family) => sum + family.weights.length * (family.italic ? 2 : 1), 0) * fontSubsets.length;
    expect(faces).toHaveLength(expected);
    // Without a range, the subsets of a weight would be one composite face, every file decoded.
    for (const face of faces) {
      expect(face.range, `${face.family} ${face.weight} ${face.style}`).toMatch(/^U\+/);
      expect(face.src).toMatch(/^url\(data:font\/woff2;base64,[A-Za-z0-9+/]{100}/);
    }
    // Latin and Cyrillic apart: the Cyrillic faces cover U+0400, the Latin ones do not.
    const cyrillic = faces.filter((face) => face.range!.includes('U+0400'));
    expect(cyrillic).toHaveLength(expected / fontSubsets.length);
    expect(css).not.toMatch(/font-display:\s*swap/);
    expect(css).not.toMatch(/greek|vietnamese/);
  });
});
