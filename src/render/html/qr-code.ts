/**
 * A QR code of `url` as a `data:image/svg+xml;base64,…` URL, for `<img src>` (the briefs'
 * Content-Security-Policy allows images from data: only; the SVG never goes in the page as
 * markup). No quiet zone: the layout leaves the white around it. The same URL gives the same
 * bytes.
 */
export async function qrImage(url: string): Promise<string> {
  // (qrcode loads only for a collection with a site: the others print no QR code.)
  const { qrSvg } = await import('./qr-svg.js');
  const svg = await qrSvg(url);
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** Where a paper copy points to its HTML edition: the address, as text and as a QR code. */
export interface OnlineCopy {
  /** The full address (`https://example.org/briefs/tip-assessment.html`). */
  readonly url: string;
  /** The address as printed, without the scheme (`example.org/briefs/tip-assessment.html`). */
  readonly address: string;
  /** The QR code of `url` (see `qrImage`). */
  readonly qr: string;
}

/**
 * The address of `file` (a brief's `<id>.html`, or `index.html`) in the online edition at
 * `site`: `site` is taken as a folder, with or without its closing slash.
 */
export function editionUrl(site: string, file: string): string {
  const base = new URL(site);
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  return new URL(file, base).href;
}

/** An address without its scheme (`https://example.org/a` → `example.org/a`). */
export function shortAddress(url: string): string {
  return url.replace(/^https?:\/\//i, '');
}

/** The online copy of `file` at `site`, or null where the collection has no `site`. */
export async function onlineCopy(site: string | null | undefined, file: string): Promise<OnlineCopy | null> {
  if (site === null || site === undefined) return null;
  const url = editionUrl(site, file);
  return { url, address: shortAddress(url), qr: await qrImage(url) };
}
