import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Page } from 'puppeteer';
import { visit } from 'unist-util-visit';

/** What `checkLinks` found for one link. */
export interface LinkCheck {
  /** The link's `href`, as written in the page. */
  readonly href: string;
  /** Whether it leads somewhere: the file exists and, with a `#fragment`, has that id. */
  readonly ok: boolean;
  /** Why not (or `external` for an http(s) or mailto link, which is not fetched). */
  readonly reason?: string;
}

/** Every id a document defines (and `<a name>`, which a fragment also finds). */
async function idsOf(file: string): Promise<Set<string>> {
  const tree = fromHtml(await readFile(file, 'utf8'));
  const ids = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    const { id, name } = node.properties;
    if (typeof id === 'string') ids.add(id);
    if (node.tagName === 'a' && typeof name === 'string') ids.add(name);
  });
  return ids;
}

/** The file a `file:` URL names, or its `index.html` if it is a folder; undefined if neither exists. */
async function targetFile(url: URL): Promise<string | undefined> {
  const file = fileURLToPath(url);
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) return file;
  if (info?.isDirectory()) {
    const index = path.join(file, 'index.html');
    if ((await stat(index).catch(() => undefined))?.isFile()) return index;
  }
  return undefined;
}

/**
 * Open `startFile` (an absolute path) in `page` over file://, collect the `href` of every `<a>`,
 * and check each once, in order of first appearance. A relative link (or `#fragment` alone) must
 * name an existing file and, with a fragment, an element with that id in it (read with hast, so
 * `page` stays on the start page). http(s) and mailto links are reported, not fetched; any other
 * scheme (`javascript:`, `data:`) fails.
 */
export async function checkLinks(page: Page, startFile: string): Promise<LinkCheck[]> {
  const start = pathToFileURL(startFile);
  await page.goto(start.href, { waitUntil: 'load' });
  const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => link.getAttribute('href') ?? ''));
  const idCache = new Map<string, Promise<Set<string>>>();
  const results: LinkCheck[] = [];
  for (const href of [...new Set(hrefs)]) {
    let url: URL;
    try {
      url = new URL(href, start);
    } catch {
      results.push({ href, ok: false, reason: 'not a valid URL' });
      continue;
    }
    if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:') {
      results.push({ href, ok: true, reason: 'external' });
      continue;
    }
    if (url.protocol !== 'file:' || href.trim() === '') {
      results.push({ href, ok: false, reason: `unsupported link (${url.protocol})` });
      continue;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    url.search = '';
    const file = await targetFile(url);
    if (!file) {
      results.push({ href, ok: false, reason: `no file ${fileURLToPath(url)}` });
      continue;
    }
    if (fragment === '' || fragment === 'top') {
      results.push({ href, ok: true });
      continue;
    }
    if (!idCache.has(file)) idCache.set(file, idsOf(file));
    const ids = await idCache.get(file)!;
    results.push(ids.has(fragment) ? { href, ok: true } : { href, ok: false, reason: `no element with id "${fragment}" in ${file}` });
  }
  return results;
}
