import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FetchRecord } from '../../../src/fetch/archive.js';
import { movePins, pinFields } from '../../../src/fetch/pins.js';

const plainRecord: FetchRecord = {
  source: 'osce-2025',
  url: 'https://www.osce.org/kosovo/report-2025',
  fetched: '2026-12-02T23:30:00.000Z',
  status: 200,
  digest: '0123456789ab'.padEnd(64, '0'),
  bytes: 2048,
  file: 'archive/osce-2025/2026-12-02-0123456789ab.html',
  format: 'html',
};

const permalink = 'https://en.wikipedia.org/w/index.php?title=Human_trafficking_in_Kosovo&oldid=1234567';
const wikiRecord: FetchRecord = {
  source: 'wiki-kosovo',
  url: 'https://en.wikipedia.org/wiki/Human_trafficking_in_Kosovo',
  fetched: '2026-12-03T08:00:00.000Z',
  status: 200,
  digest: 'abcdef012345'.padEnd(64, '0'),
  bytes: 900,
  file: 'archive/wiki-kosovo/2026-12-03-abcdef012345.txt',
  format: 'text',
  revision: { id: 1234567, timestamp: '2026-11-28T17:45:12Z', permalink },
};

describe('pinFields', () => {
  it('should set the archived file and the day it was fetched', () => {
    expect(pinFields(plainRecord)).toEqual({ file: 'archive/osce-2025/2026-12-02-0123456789ab.html', accessed: '2026-12-02' });
  });

  it("should set a wiki revision's id, day and permalink too", () => {
    expect(pinFields(wikiRecord)).toEqual({
      file: 'archive/wiki-kosovo/2026-12-03-abcdef012345.txt',
      accessed: '2026-12-03',
      version: '1234567',
      issued: '2026-11-28',
      URL: permalink,
    });
  });
});

describe('movePins', () => {
  let dir: string;
  let bibliography: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefs-pins-'));
    bibliography = path.join(dir, 'sources.yaml');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const head = `# The sources the briefs cite.
# Keep them in order of publication.

- id: tip-2024 # the 2024 report
  file: documents/tip-2024.pdf
  type: report
  title: "2024 Trafficking in Persons Report: Kosovo"
  author:
    - literal: U.S. Department of State
  issued: 2024-06-24
  URL: https://www.state.gov/reports/2024-trafficking-in-persons-report/kosovo/
  fetch: { format: pdf, every: 7d }

`;
  const osce = `# The OSCE report, watched for corrections.
- id: osce-2025
  file: documents/osce-2025.html
  type: report
  title: Trafficking in Kosovo, 2025 # as printed on the cover
  accessed: 2025-03-01
  fetch: true
`;
  const tail = `
- id: wiki-kosovo
  file: documents/wiki-kosovo.txt
  type: entry-encyclopedia
  title: Human trafficking in Kosovo
  container-title: Wikipedia
  fetch: true

# End of the list.
`;

  it('should set file and accessed of the moved entry, keeping comments and every other entry byte for byte', async () => {
    await writeFile(bibliography, head + osce + tail);
    expect(await movePins(bibliography, [{ id: 'osce-2025', record: plainRecord }])).toEqual(['osce-2025']);
    const text = await readFile(bibliography, 'utf8');
    expect(text).toBe(
      head +
        `# The OSCE report, watched for corrections.
- id: osce-2025
  file: archive/osce-2025/2026-12-02-0123456789ab.html
  type: report
  title: Trafficking in Kosovo, 2025 # as printed on the cover
  accessed: 2026-12-02
  fetch: true
` +
        tail,
    );
  });

  it("should set a wiki revision's version, issued and URL, adding the fields the entry lacks", async () => {
    await writeFile(bibliography, head + osce + tail);
    expect(await movePins(bibliography, [{ id: 'wiki-kosovo', record: wikiRecord }])).toEqual(['wiki-kosovo']);
    const text = await readFile(bibliography, 'utf8');
    expect(text.startsWith(head + osce)).toBe(true);
    expect(text.endsWith('\n# End of the list.\n')).toBe(true);
    const entries = parse(text) as Record<string, unknown>[];
    expect(entries.map((entry) => entry.id)).toEqual(['tip-2024', 'osce-2025', 'wiki-kosovo']);
    expect(entries[2]).toEqual({
      id: 'wiki-kosovo',
      file: 'archive/wiki-kosovo/2026-12-03-abcdef012345.txt',
      type: 'entry-encyclopedia',
      title: 'Human trafficking in Kosovo',
      'container-title': 'Wikipedia',
      fetch: true,
      accessed: '2026-12-03',
      // A string, as sources.yaml writes a revision id that is not to be read as a number.
      version: '1234567',
      issued: '2026-11-28',
      URL: permalink,
    });
  });

  it('should move several pins at once and leave an id no entry has alone', async () => {
    await writeFile(bibliography, head + osce + tail);
    const moved = await movePins(bibliography, [
      { id: 'osce-2025', record: plainRecord },
      { id: 'no-such-source', record: { ...plainRecord, source: 'no-such-source' } },
      { id: 'wiki-kosovo', record: wikiRecord },
    ]);
    expect(moved).toEqual(['osce-2025', 'wiki-kosovo']);
    const entries = parse(await readFile(bibliography, 'utf8')) as Record<string, unknown>[];
    expect(entries.map((entry) => [entry.id, entry.file])).toEqual([
      ['tip-2024', 'documents/tip-2024.pdf'],
      ['osce-2025', plainRecord.file],
      ['wiki-kosovo', wikiRecord.file],
    ]);
    // Written in place, atomically: no temporary file left beside it.
    expect(await readdir(dir)).toEqual(['sources.yaml']);
  });

  it('should not touch the file when there is nothing to move', async () => {
    await writeFile(bibliography, head + osce + tail);
    expect(await movePins(bibliography, [])).toEqual([]);
    expect(await readFile(bibliography, 'utf8')).toBe(head + osce + tail);
    // Not even read: a missing file is no error then.
    expect(await movePins(path.join(dir, 'missing.yaml'), [])).toEqual([]);
  });

  // A curator's own layout of the entries not moved: each must come back exactly as written.
  it.each([
    ['a comment aligned with spaces', '- id: unhcr\n  file: documents/unhcr.txt      # the English version\n  type: report\n  title: UNHCR\n'],
    ['a folded title', '- id: unhcr\n  file: documents/unhcr.txt\n  type: report\n  title: >-\n    A long title folded\n    over two lines\n'],
    ['a flow list', '- id: unhcr\n  file: documents/unhcr.txt\n  type: report\n  title: UNHCR\n  author: [{literal: UNHCR}]\n'],
    ['an indented list', '- id: unhcr\n  file: documents/unhcr.txt\n  type: report\n  title: UNHCR\n  chrome:\n  - Skip to content\n'],
    ['four-space indentation', '-   id: unhcr\n    file: documents/unhcr.txt\n    type: report\n    title: UNHCR\n'],
  ])('should keep an entry with %s byte for byte', async (_layout, entry) => {
    await writeFile(bibliography, entry + osce);
    await movePins(bibliography, [{ id: 'osce-2025', record: plainRecord }]);
    const text = await readFile(bibliography, 'utf8');
    expect(text.slice(0, entry.length)).toBe(entry);
    expect((parse(text) as Record<string, unknown>[])[1]).toMatchObject({ id: 'osce-2025', file: plainRecord.file });
  });

  it('should keep the line endings of a file written with CRLF', async () => {
    const crlf = (head + osce).replaceAll('\n', '\r\n');
    await writeFile(bibliography, crlf);
    await movePins(bibliography, [{ id: 'osce-2025', record: plainRecord }]);
    const text = await readFile(bibliography, 'utf8');
    expect(text.startsWith(head.replaceAll('\n', '\r\n'))).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
  });
});
