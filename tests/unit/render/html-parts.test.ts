import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { digest } from '../../../src/build/digest.js';
import { htmlLength, joinHtml } from '../../../src/render/index.js';
import { renderAroundFonts } from '../../../src/render/html/render-around-fonts.js';

const layout = Handlebars.compile('<style>{{fonts}}</style><h1>{{title}}</h1>', { strict: true });

describe('HTML in pieces around the fonts', () => {
  it('should keep the fonts as a piece of their own, the very string given', () => {
    const fonts = '@font-face { src: url(data:font/woff2;base64,AAAA) }';
    const parts = renderAroundFonts(layout, { title: 'Legal framework' }, fonts);
    expect(parts).toEqual(['<style>', fonts, '</style><h1>Legal framework</h1>']);
    expect(parts[1]).toBe(fonts);
    expect(joinHtml(parts)).toBe(`<style>${fonts}</style><h1>Legal framework</h1>`);
    expect(htmlLength(parts)).toBe(joinHtml(parts).length);
    expect(digest(parts)).toBe(digest(joinHtml(parts)));
  });

  it('should not be cut by text of the brief that looks like the mark', () => {
    const parts = renderAroundFonts(layout, { title: '<\u0000fonts\u0000>' }, 'F');
    expect(parts).toHaveLength(3);
    expect(joinHtml(parts)).toBe('<style>F</style><h1>&lt;\u0000fonts\u0000&gt;</h1>');
  });

  it('should be the whole text when the layout has no fonts', () => {
    const parts = renderAroundFonts(Handlebars.compile('<p>{{title}}</p>'), { title: 'x' }, 'F');
    expect(parts).toEqual(['<p>x</p>']);
  });
});
