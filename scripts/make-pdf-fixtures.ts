// Writes the PDF fixtures of tests/unit/ingest/read-pdf.test.ts into tests/fixtures/formats/:
//
//   tip-2011-kosovo.pdf  the 2011 TIP report's Kosovo chapter laid out as a printed report (A4,
//                        serif, justified, hyphenated, running header, page numbers)
//   not-a-pdf.pdf        an HTML page saved under a .pdf name
//   scanned.pdf          one page with a drawing and no text layer
//   encrypted.pdf        a password-protected PDF (user password "secret"), built by hand
//
//   npx tsx scripts/make-pdf-fixtures.ts
//   npx tsx scripts/make-pdf-fixtures.ts --large /tmp/large.pdf [copies]   (a long PDF to time readPdf on)
//
// The report is printed with Debian's Chromium. Chromium on Linux has no hyphenation dictionaries
// unless its component updater downloads them, which we switch off, so `hyphens: auto` alone
// breaks nothing: the script marks the break points of a few long words with soft hyphens, as a
// dictionary would.
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'tests', 'fixtures', 'formats');
const sourceFile = path.join(root, 'sources', 'documents', 'tip-2011-kosovo-refworld.txt');

/** The running header printed at the head of every page. */
const runningHeader = '2011 Trafficking in Persons Report';

// The subheads of the printed report, which the Refworld text replaced by blank lines.
const sectionTitles = ['Prosecution', 'Protection', 'Prevention'];

// Break points (syllables) of long words, applied to every word that starts with the stem.
const breaks = [
  'traf-fick-ing',
  'gov-ern-ment',
  'in-ves-ti-ga-tion',
  'pros-e-cu-tion',
  'iden-ti-fi-ca-tion',
  'iden-ti-fied',
  'in-ter-na-tion-al',
  're-ha-bil-i-ta-tion',
  'or-ga-ni-za-tion',
  'con-vic-tion',
  'pro-ce-dures',
  'en-force-ment',
  'com-pre-hen-sive',
  'sig-nif-i-cant',
  'vul-ner-a-ble',
  'ex-ploi-ta-tion',
  'aware-ness',
  'cam-paign',
  'com-plic-i-ty',
  'of-fi-cials',
  'au-thor-i-ties',
  'im-ple-ment-ed',
  'im-ple-men-ta-tion',
  're-in-te-gra-tion',
  'co-or-di-na-tion',
  'co-or-di-nate',
  'spe-cial-ized',
  'di-rec-tor-ate',
  'con-tin-ued',
  'as-sis-tance',
  'ac-com-mo-dat-ed',
  'sec-re-tar-i-at',
  're-pa-tri-a-tion',
  'com-men-su-rate',
  'stan-dards',
  'es-tab-lished',
  'ed-u-ca-tion-al',
  'el-e-men-tary',
  'sec-ond-ary',
  'tel-e-vised',
  'trans-na-tion-al',
  'des-ti-na-tion',
  'pros-ti-tu-tion',
  'pun-ish-ments',
  'sen-tenc-es',
  'nev-er-the-less',
  'cat-a-logued',
  'sub-scrib-ers',
  'broad-casts',
  'min-is-te-ri-al',
  'chal-lenges',
  'in-for-ma-tion',
  'pre-ven-tion',
  'pro-tec-tion',
  'in-creas-ing',
  'ju-di-ci-ary',
  'im-pris-on-ment',
  'par-tic-i-pat-ed',
  'ad-vo-cates',
  'in-ves-ti-gate',
  'strength-ened',
  'ef-fec-tive',
  'de-port-ed',
  'de-por-ta-tion',
  'rec-om-men-da-tions',
];

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Escape `text` for HTML and put a soft hyphen at each known break point of its long words. */
function hyphenate(text: string): string {
  return escapeHtml(text).replace(/[A-Za-z]{7,}/g, (word) => {
    const lower = word.toLowerCase();
    const pattern = breaks.find((entry) => lower.startsWith(entry.replace(/-/g, '')));
    if (!pattern) return word;
    const cuts = new Set<number>();
    let offset = 0;
    for (const syllable of pattern.split('-').slice(0, -1)) cuts.add((offset += syllable.length));
    return [...word].map((char, index) => (cuts.has(index) ? `&shy;${char}` : char)).join('');
  });
}

/** The report's body from the Refworld text: the "Kosovo (Tier 2)" title, then sections of paragraphs. */
async function reportBody(): Promise<{ title: string; sections: string[][] }> {
  const lines = (await readFile(sourceFile, 'utf8')).replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((line) => line.startsWith('Kosovo (Tier 2)'));
  const end = lines.findIndex((line) => line.startsWith('Search Refworld'));
  if (start < 0 || end < 0) throw new Error(`unexpected layout of ${sourceFile}`);
  // Two blank lines in a row mark a section break (where the report had a subhead).
  const sections = lines
    .slice(start + 1, end)
    .join('\n')
    .trim()
    .split(/\n{3,}/)
    .map((section) => section.split(/\n{2,}/).map((paragraph) => paragraph.trim()).filter(Boolean));
  return { title: lines[start]!.trim(), sections };
}

async function fontFace(weight: number, style: 'normal' | 'italic'): Promise<string> {
  const file = path.join(root, 'node_modules', '@fontsource', 'source-serif-4', 'files', `source-serif-4-latin-${weight}-${style}.woff2`);
  const data = (await readFile(file)).toString('base64');
  return `@font-face { font-family: 'Report Serif'; font-weight: ${weight}; font-style: ${style}; src: url(data:font/woff2;base64,${data}) format('woff2'); }`;
}

async function reportHtml(copies: number): Promise<string> {
  const { title, sections } = await reportBody();
  const faces = (await Promise.all([fontFace(400, 'normal'), fontFace(400, 'italic'), fontFace(700, 'normal')])).join('\n');
  const chapter = (copy: number): string => {
    const heading = copies > 1 ? `${escapeHtml(title)} (copy ${copy})` : escapeHtml(title);
    const parts = sections.map((paragraphs, index) => {
      const subhead = index > 0 ? `<h2>${sectionTitles[index - 1] ?? `Section ${index + 1}`}</h2>\n` : '';
      return subhead + paragraphs.map((paragraph) => `<p>${hyphenate(paragraph)}</p>`).join('\n');
    });
    return `<section><h1>${heading}</h1>\n<p class="byline">United States Department of State, 27 June 2011</p>\n${parts.join('\n')}</section>`;
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
${faces}
@page { size: A4; margin: 28mm 25mm 26mm 25mm; }
html { font-family: 'Report Serif', serif; font-size: 11.5pt; line-height: 1.45; color: #111; }
body { margin: 0; }
h1 { font-size: 21pt; line-height: 1.2; margin: 0 0 4pt; font-weight: 700; }
h2 { font-size: 14.5pt; line-height: 1.2; margin: 16pt 0 8pt; font-weight: 700; break-after: avoid; }
p { margin: 0 0 9pt; text-align: justify; hyphens: auto; -webkit-hyphens: auto; orphans: 2; widows: 2; }
p.byline { font-size: 9pt; font-style: italic; margin-bottom: 14pt; text-align: left; }
section + section { break-before: page; }
</style></head>
<body>
${Array.from({ length: copies }, (_, index) => chapter(index + 1)).join('\n')}
</body></html>`;
}

// Chromium prints the templates at a tiny default size: set one, and the margins they sit in.
const headerTemplate = `<div style="font-family: serif; font-size: 8.5pt; width: 100%; margin: 0 25mm; padding-bottom: 2pt; border-bottom: 0.5pt solid #888; color: #444;">${runningHeader}</div>`;
const footerTemplate = `<div style="font-family: serif; font-size: 9pt; width: 100%; text-align: center; color: #444;"><span class="pageNumber"></span></div>`;

async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'pdf-fixtures-'));
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    userDataDir,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    return await work(browser);
  } finally {
    await browser.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

async function printReport(browser: Browser, file: string, copies: number): Promise<void> {
  const page = await browser.newPage();
  try {
    await page.setContent(await reportHtml(copies), { waitUntil: 'load' });
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true, displayHeaderFooter: true, headerTemplate, footerTemplate, timeout: 0 });
  } finally {
    await page.close();
  }
}

async function printScanned(browser: Browser, file: string): Promise<void> {
  const page = await browser.newPage();
  try {
    // Shapes only: a grey "page image" with a few bars where a scan would have lines of text.
    const bars = Array.from({ length: 14 }, (_, index) => `<rect x="40" y="${120 + index * 28}" width="${index % 5 === 4 ? 260 : 430}" height="9" fill="#555"/>`).join('');
    await page.setContent(`<!doctype html><html lang="en"><body style="margin:0">
<svg xmlns="http://www.w3.org/2000/svg" width="510" height="700" viewBox="0 0 510 700"><rect x="0" y="0" width="510" height="700" fill="#eee"/><rect x="40" y="50" width="300" height="26" fill="#222"/>${bars}</svg>
</body></html>`);
    await page.pdf({ path: file, format: 'A4', printBackground: true });
  } finally {
    await page.close();
  }
}

// A password-protected PDF: the standard security handler, revision 2 (RC4, 40-bit key), as in
// ISO 32000-1 §7.6.3. Node's OpenSSL 3 has no RC4 any more, so it is written out here.
const passwordPadding = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');

function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = Array.from({ length: 256 }, (_, index) => index);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]): Buffer => parts.reduce((hash, part) => hash.update(part), createHash('md5')).digest();
const padded = (password: string): Buffer => Buffer.concat([Buffer.from(password, 'latin1'), passwordPadding]).subarray(0, 32);

function encryptedPdf(userPassword: string, ownerPassword: string): Buffer {
  const permissions = -4;
  // A fixed document ID, so that regenerating leaves this file as it was.
  const id = md5(Buffer.from('make-pdf-fixtures encrypted.pdf'));
  const owner = rc4(md5(padded(ownerPassword)).subarray(0, 5), padded(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const fileKey = md5(padded(userPassword), owner, p, id).subarray(0, 5);
  const user = rc4(fileKey, passwordPadding);
  const objectKey = (number: number): Buffer => md5(fileKey, Buffer.from([number & 255, (number >> 8) & 255, (number >> 16) & 255, 0, 0])).subarray(0, 10);
  const content = rc4(objectKey(4), Buffer.from('BT /F1 18 Tf 72 760 Td (This text is locked away.) Tj ET', 'latin1'));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>',
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]),
    `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P ${permissions} >>`,
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  objects.forEach((body, index) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  const hexId = id.toString('hex');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${hexId}> <${hexId}>] >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}

const notAPdf = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>2011 Trafficking in Persons Report - Kosovo</title></head>
<body><h1>2011 Trafficking in Persons Report - Kosovo</h1>
<p>This is a web page that was saved with a .pdf name.</p></body></html>
`;

async function report(file: string): Promise<void> {
  const { size } = await stat(file);
  console.log(`${path.relative(root, file)}  ${(size / 1024).toFixed(1)} KB`);
}

const args = process.argv.slice(2);
if (args[0] === '--large') {
  const file = path.resolve(args[1] ?? path.join(os.tmpdir(), 'tip-2011-kosovo-large.pdf'));
  const copies = Number(args[2] ?? 100);
  await withBrowser((browser) => printReport(browser, file, copies));
  await report(file);
} else {
  await mkdir(outDir, { recursive: true });
  const tip = path.join(outDir, 'tip-2011-kosovo.pdf');
  const scanned = path.join(outDir, 'scanned.pdf');
  await withBrowser(async (browser) => {
    await printReport(browser, tip, 1);
    await printScanned(browser, scanned);
  });
  await writeFile(path.join(outDir, 'not-a-pdf.pdf'), notAPdf);
  await writeFile(path.join(outDir, 'encrypted.pdf'), encryptedPdf('secret', 'owner-secret'));
  for (const name of ['tip-2011-kosovo.pdf', 'not-a-pdf.pdf', 'scanned.pdf', 'encrypted.pdf']) await report(path.join(outDir, name));
}
