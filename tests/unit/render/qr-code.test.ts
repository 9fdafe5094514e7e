import jsQRModule from 'jsqr';
import { describe, expect, it } from 'vitest';
import { editionUrl, onlineCopy, qrImage, shortAddress } from '../../../src/render/html/qr-code.js';

// jsqr is CommonJS whose module.exports is the function; its types declare it as `default`.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** The modules of an SVG from `qrImage` (one path of `M x y h n` runs, as qrcode draws them), as RGBA pixels, `scale` to a module, with a quiet zone of 4. */
function rasterize(svg: string, scale = 4): { data: Uint8ClampedArray; width: number; height: number } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const path = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)![1]!;
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of path.matchAll(/([MmHhVv])(-?\d+(?:\.\d+)?)(?:[ ,](-?\d+(?:\.\d+)?))?/g)) {
    const n = Number(a);
    if (command === 'M') [x, y] = [n, Number(b)];
    else if (command === 'm') [x, y] = [x + n, y + Number(b)];
    else if (command === 'h') {
      for (let i = 0; i < n; i++) dark.add(`${x + i},${Math.floor(y)}`);
      x += n;
    } else if (command === 'H') x = n;
  }
  const quiet = 4;
  const width = (size + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const cell of dark) {
    const [cx, cy] = cell.split(',').map(Number) as [number, number];
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const offset = (((cy + quiet) * scale + dy) * width + (cx + quiet) * scale + dx) * 4;
        data[offset] = data[offset + 1] = data[offset + 2] = 0;
      }
  }
  return { data, width, height: width };
}

describe('QR codes of the online edition', () => {
  const url = 'https://example.org/briefs/tip-assessment.html';

  it('should give a data: URL of an SVG with a path, the same for the same address', async () => {
    const image = await qrImage(url);
    expect(image).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    const svg = Buffer.from(image.slice(image.indexOf(',') + 1), 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('<path');
    expect(svg).not.toMatch(/<script|on\w+=/i);
    expect(await qrImage(url)).toBe(image);
    expect(await qrImage('https://example.org/briefs/other.html')).not.toBe(image);
  });

  it('should encode the address (read back with jsQR)', async () => {
    const image = await qrImage(url);
    const svg = Buffer.from(image.slice(image.indexOf(',') + 1), 'base64').toString('utf8');
    const { data, width, height } = rasterize(svg);
    expect(jsQR(data, width, height)?.data).toBe(url);
  });

  it('should take the site as a folder and print the address without its scheme', async () => {
    expect(editionUrl('https://example.org/briefs/', 'a.html')).toBe('https://example.org/briefs/a.html');
    expect(editionUrl('https://example.org/briefs', 'a.html')).toBe('https://example.org/briefs/a.html');
    expect(editionUrl('http://example.org', 'index.html')).toBe('http://example.org/index.html');
    expect(shortAddress('https://example.org/briefs/a.html')).toBe('example.org/briefs/a.html');
    expect(await onlineCopy(null, 'a.html')).toBeNull();
    expect(await onlineCopy(undefined, 'a.html')).toBeNull();
    const copy = await onlineCopy('https://example.org/briefs/', 'tip-assessment.html');
    expect(copy).toMatchObject({ url, address: 'example.org/briefs/tip-assessment.html' });
    expect(copy!.qr).toBe(await qrImage(url));
  });
});
