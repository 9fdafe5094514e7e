import Handlebars from 'handlebars';
import type { HtmlParts } from './html-parts.js';

// Handlebars inserts this where the layout says {{fonts}}; the text is then cut there. It
// cannot come from a brief: Handlebars escapes `<` in every value but the trusted ones.
const fontsMark = '<\u0000fonts\u0000>';

/**
 * Render a layout with `context` and `fonts` as its {{fonts}}: the result is the text before
 * {{fonts}}, `fonts` itself (not a copy), and the text after.
 */
export function renderAroundFonts(
  template: Handlebars.TemplateDelegate,
  context: Record<string, unknown>,
  fonts: string,
): HtmlParts {
  const text = template(
    { ...context, fonts: new Handlebars.SafeString(fontsMark) },
    { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false },
  );
  const pieces = text.split(fontsMark);
  return pieces.flatMap((piece, index) => (index === 0 ? [piece] : [fonts, piece]));
}
