// The layout floor: the pipeline's browser stage alone. A minimal script that launches the
// pipeline's browser (its flags, sandbox and page pool, each page given the fonts and Paged.js
// once) and lays out and prints the HTML files the build wrote with the pipeline's own print
// step (Paged.js: notes at the page foot, margin boxes, contents page numbers), nothing else:
// no sources, no quote verification, no citations, no templates, no PDF metadata. The cold build's time over this one is what the
// rest of the pipeline costs; over the bare floor (floor.ts), what page layout costs too.
//
// Usage (compiled into the benchmark's snapshot, where ../src/ becomes ../dist/):
// node floor-layout.js --concurrency N [--fonts FILE.css] --out DIR FILE.html…
// (--fonts: the fonts the files share, as the pipeline has them: see loadFontCss.)
// Prints one JSON line: how long the launch, the renders and the close took.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { apartFromFonts } from '../src/render/html/html-parts.js';
import { findBrowser, launchBrowser, layOutDocument, readLayoutEngine, warmUp } from '../src/render/pdf/index.js';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { concurrency: { type: 'string' }, fonts: { type: 'string' }, out: { type: 'string' } } });
  if (!values.out || positionals.length === 0) throw new Error('usage: floor-layout.js --concurrency N [--fonts FILE.css] --out DIR FILE.html…');
  const concurrency = Math.max(1, Number(values.concurrency ?? '1'));
  await mkdir(values.out, { recursive: true });
  const t0 = performance.now();
  const location = await findBrowser(process.env);
  if (!location) throw new Error('no browser found');
  const [browser, layoutEngine, fontCss] = await Promise.all([launchBrowser(location, concurrency), readLayoutEngine(), values.fonts ? readFile(values.fonts, 'utf8') : '']);
  const t1 = performance.now();
  // As the pipeline does: the fonts the briefs share are installed in each page once, with the
  // layout engine, before the first document (found in each file as the build wrote them).
  const fonts = fontCss.length > 0 ? fontCss : undefined;
  for (let lane = 0; lane < concurrency; lane++) void browser.withPage((page) => warmUp(page, { layoutEngine, notes: 'footnotes', ...(fonts ? { fonts } : {}) }), lane);
  await Promise.all(
    positionals.map(async (file, index) => {
      const whole = await readFile(file, 'utf8');
      const at = fonts ? whole.indexOf(fonts) : -1;
      const document = at < 0 ? { html: whole } : apartFromFonts([whole.slice(0, at), fonts!, whole.slice(at + fonts!.length)]);
      const name = path.basename(file, '.html');
      const laid = await browser.withPage(
        (page) => layOutDocument(page, document.html, { notes: 'footnotes', layoutEngine, name, ...(document.fonts ? { fonts: document.fonts } : {}) }),
        index % concurrency,
      );
      await writeFile(path.join(values.out!, `${name}.pdf`), laid.bytes!);
    }),
  );
  const t2 = performance.now();
  await browser.close();
  process.stdout.write(`${JSON.stringify({ launchMs: t1 - t0, renderMs: t2 - t1, closeMs: performance.now() - t2, files: positionals.length })}\n`);
}

await main();
