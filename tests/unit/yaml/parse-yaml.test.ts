import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderResultCache } from '../../../src/cache/index.js';
import { parseYaml, type ParsedYaml } from '../../../src/yaml/parse-yaml.js';
import { repoRoot } from '../../helpers/project.js';
import { recordingCache } from '../../helpers/recording-cache.js';
import { withTempDir } from '../../helpers/temp-dir.js';

const withDir = (work: (dir: string) => Promise<void>) => withTempDir('yaml', work);

/** Every path into `data`, list indices as numbers and as digits, and a few that lead nowhere. */
function pathsOf(data: unknown, at: readonly unknown[] = []): unknown[][] {
  const paths: unknown[][] = [[...at], [...at, 'no-such-key'], [...at, 99]];
  if (Array.isArray(data)) {
    data.forEach((item, index) => {
      paths.push([...at, String(index)]);
      paths.push(...pathsOf(item, [...at, index]));
    });
  } else if (typeof data === 'object' && data !== null) {
    for (const [key, value] of Object.entries(data)) paths.push(...pathsOf(value, [...at, key]));
  }
  return paths;
}

/** The reading's answers, everywhere: its data, the place of each value, the line of each offset. */
function answers(text: string, reading: ParsedYaml) {
  const offsets = Array.from({ length: text.length + 2 }, (_, offset) => offset);
  return {
    errors: reading.errors.length,
    data: reading.data(),
    ranges: pathsOf(reading.data()).map((at) => [JSON.stringify(at), reading.range(at)]),
    lines: offsets.map((offset) => reading.linePos(offset)),
  };
}

const tricky = [
  '# A comment\nkey: value\nlist:\n  - one\n  - "two"\n  - { a: 1, b: [x, y] }\nempty:\nnested:\n  deeper:\n    deepest: true\n',
  'text: |\n  A block scalar\n  over two lines\nfolded: >-\n  folded\n  text\nquoted: "a\n  b"\n',
  'a: 1\r\nb:\r\n  - 2\r\n  - 3\r\n',
  '2010: numeric key\n"2011": string key\nanchor: &x { n: 1 }\nalias: *x\nnull-value: ~\n',
  '- id: a\n  topics: [x]\n- id: b\n  citations:\n    - source: s\n      quote: "q"\n',
];

describe('parseYaml with a result cache', () => {
  it('should give the same answers from a kept reading as from a parse, for the collection’s files and tricky YAML', async () => {
    const files = ['sources/facts.yaml', 'sources/sources.yaml', 'briefs.yaml', 'tests/fixtures/mini/sources/facts.yaml'];
    const texts = [...(await Promise.all(files.map((file) => readFile(path.join(repoRoot, file), 'utf8')))), ...tricky];
    await withDir(async (dir) => {
      for (const text of texts) {
        const fresh = parseYaml(text, undefined, folderResultCache(dir, 'tool'));
        const again = recordingCache(folderResultCache(dir, 'tool'));
        const kept = parseYaml(text, undefined, again.cache);
        expect(again.calls).toEqual(['yaml hit']);
        expect(answers(text, kept)).toEqual(answers(text, fresh));
      }
    });
  });

  it('should keep no reading of a text with errors, or whose data JSON would change', async () => {
    const texts = ['a: [1, 2\n', 'a: 1\na: 2\n', 'big: .inf\n', 'nan: .nan\n', 'zero: -0\n'];
    await withDir(async (dir) => {
      for (const text of texts) {
        parseYaml(text, undefined, folderResultCache(dir, 'tool'));
        const again = recordingCache(folderResultCache(dir, 'tool'));
        parseYaml(text, undefined, again.cache);
        expect(again.calls).toEqual(['yaml miss']);
      }
      // The infinite and negative-zero values come back as they are, from a parse.
      expect(parseYaml('big: .inf\nzero: -0\n', undefined, folderResultCache(dir, 'tool')).data()).toEqual({ big: Infinity, zero: -0 });
    });
  });

  it('should parse again a kept reading that is damaged, and any text under another version of the tool', async () => {
    const text = tricky[0]!;
    await withDir(async (dir) => {
      const cache = folderResultCache(dir, 'tool');
      parseYaml(text, undefined, cache);
      cache.entry('yaml', { text }).set({ data: { key: 'value' }, ranges: [['[]', 0, 'x', 'map']] });
      const damaged = recordingCache(folderResultCache(dir, 'tool'));
      expect(parseYaml(text, undefined, damaged.cache).data()).toEqual(parseYaml(text).data());
      expect(damaged.calls).toEqual(['yaml miss', 'yaml set']);
      const upgraded = recordingCache(folderResultCache(dir, 'tool 2'));
      parseYaml(text, undefined, upgraded.cache);
      expect(upgraded.calls).toEqual(['yaml miss', 'yaml set']);
    });
  });
});
