import { parseHTML } from 'linkedom';
import { addContents, floatNotes, unlinkPassages } from '../src/render/pdf/print.js';

/**
 * A brief's final HTML as the equal-feature peers get it: the same document with the page
 * preparation the pipeline does in the browser before Paged.js runs, done here once, untimed:
 * every note moved into the text at its marker as a `span.footnote` (the brief's print sheet
 * floats it to the page foot with `float: footnote`, which WeasyPrint and Paged.js both read),
 * the contents added (its page numbers by `target-counter`), the passage links unwrapped. The
 * very scripts the pipeline runs in its page run here on a DOM of linkedom's. The stylesheet,
 * the fonts, the margin boxes and running heads are the brief's own: the peers lay out the
 * same words, notes, contents and headers.
 */
export function footnoteHtml(html: string, contentsLabel = 'Contents'): string {
  const { document, window } = parseHTML(html);
  const run = (script: string) => new Function('document', 'NodeFilter', `return ${script};`)(document, window.NodeFilter);
  run(floatNotes);
  run(addContents(contentsLabel));
  run(unlinkPassages);
  // The document's CSP (served as a header by the pipeline) is not the peers' concern.
  return `<!DOCTYPE html>\n${document.documentElement.outerHTML}`;
}
