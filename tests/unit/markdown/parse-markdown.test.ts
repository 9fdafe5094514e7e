import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { folderResultCache } from '../../../src/cache/index.js';
import { createProcessor } from '../../../src/markdown/index.js';
import { parseMarkdown } from '../../../src/markdown/parse-markdown.js';
import { recordingCache } from '../../helpers/recording-cache.js';
import { withTempDir } from '../../helpers/temp-dir.js';

const markdown = [
  '---',
  'title: A brief',
  '---',
  '',
  '# Heading',
  '',
  'In 2010 the code prohibited trafficking.[^1] *Over* 40 victims.',
  '',
  '| year | tier |',
  '| --- | --- |',
  '| 2010 | 2 |',
  '',
  '[^1]: A note.',
  '',
].join('\n');

const processor = createProcessor();
const fresh = () => processor.parse(new VFile({ path: 'brief.md', value: markdown }));

const withDir = (work: (dir: string) => Promise<void>) => withTempDir('mdast', work);

describe('parseMarkdown', () => {
  it('should parse a text once: a later build takes the same tree, positions included, from the cache', async () => {
    await withDir(async (dir) => {
      const first = recordingCache(folderResultCache(dir, 'tool'));
      expect(parseMarkdown(processor, new VFile({ path: 'brief.md', value: markdown }), first.cache)).toEqual(fresh());
      expect(first.calls).toEqual(['mdast miss', 'mdast set']);
      const again = recordingCache(folderResultCache(dir, 'tool'));
      const kept = parseMarkdown(processor, new VFile({ path: 'brief.md', value: markdown }), again.cache);
      expect(again.calls).toEqual(['mdast hit']);
      expect(kept).toEqual(fresh());
      expect(kept.children[1]?.position?.start).toEqual({ line: 5, column: 1, offset: 24 });
    });
  });

  it('should give a new tree each time: the transforms change it in place', async () => {
    await withDir(async (dir) => {
      const cache = folderResultCache(dir, 'tool');
      const one = parseMarkdown(processor, new VFile({ value: markdown }), cache);
      one.children.length = 0;
      expect(parseMarkdown(processor, new VFile({ value: markdown }), cache)).toEqual(fresh());
    });
  });

  it('should parse a changed text again, and any text again under another version of the tool', async () => {
    await withDir(async (dir) => {
      parseMarkdown(processor, new VFile({ value: markdown }), folderResultCache(dir, 'tool'));
      const edited = recordingCache(folderResultCache(dir, 'tool'));
      const tree = parseMarkdown(processor, new VFile({ value: markdown.replace('Over', 'About') }), edited.cache);
      expect(edited.calls).toEqual(['mdast miss', 'mdast set']);
      expect(JSON.stringify(tree)).toContain('About');
      const upgraded = recordingCache(folderResultCache(dir, 'tool 2'));
      parseMarkdown(processor, new VFile({ value: markdown }), upgraded.cache);
      expect(upgraded.calls).toEqual(['mdast miss', 'mdast set']);
    });
  });

  it('should parse again rather than take a kept entry that is not a syntax tree (cut short, edited by hand)', async () => {
    await withDir(async (dir) => {
      parseMarkdown(processor, new VFile({ value: markdown }), folderResultCache(dir, 'tool'));
      const [file] = await readdir(path.join(dir, 'mdast'));
      const entry = path.join(dir, 'mdast', file!);
      const whole = await readFile(entry, 'utf8');
      for (const damaged of [whole.slice(0, whole.length / 2), '{"type":"root","children":[{"type":"text","value":1}]}', '{"type":"root","children":[null]}', '[]']) {
        await writeFile(entry, damaged);
        const again = recordingCache(folderResultCache(dir, 'tool'));
        expect(parseMarkdown(processor, new VFile({ value: markdown }), again.cache)).toEqual(fresh());
        expect(again.calls).toEqual(['mdast miss', 'mdast set']);
      }
    });
  });
});
