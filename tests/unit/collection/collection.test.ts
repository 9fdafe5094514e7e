import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../../src/collection/json-schemas.js';
import { loadCollection } from '../../../src/collection/load-collection.js';
import { resolveConfig } from '../../../src/config/index.js';
import { BuildError } from '../../../src/diagnostics/index.js';
import { repoRoot } from '../../helpers/project.js';

describe('briefs.yaml', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'briefs-collection-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const problems = (text: string) => {
    return writeFile(path.join(root, 'briefs.yaml'), text).then(() => {
      try {
        loadCollection(root);
      } catch (error) {
        if (error instanceof BuildError) return error.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`);
        throw error;
      }
      return [];
    });
  };

  it('should give a collection without briefs.yaml the defaults', () => {
    const { collection } = loadCollection(root);
    expect(collection).toMatchObject({ title: 'Policy briefs', author: 'Policy briefs', lang: 'en', pack: { title: 'Policy briefs', file: 'briefs-handout.pdf' } });
    expect(collection.metrics.size).toBe(0);
  });

  it('should read the title, organisation, language, pack and metrics', async () => {
    await writeFile(
      path.join(root, 'briefs.yaml'),
      'title: Trafficking in Moldova\norganisation: An NGO\nlang: ro\npack: { file: moldova.pdf }\nmetrics:\n  - { name: victims, label: Victims identified, unit: persons }\n',
    );
    const { collection } = loadCollection(root);
    expect(collection).toMatchObject({ title: 'Trafficking in Moldova', author: 'An NGO', lang: 'ro', pack: { title: 'Trafficking in Moldova', file: 'moldova.pdf' } });
    expect(collection.metrics.get('victims')).toEqual({ label: 'Victims identified', unit: 'persons' });
  });

  it('should report an unknown key at its line and column, with the key it may have meant', async () => {
    const found = await problems('title: Moldova\nsubtitel: Briefs\n');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^2:\d+ /);
    expect(found[0]).toContain('subtitle');
  });

  it('should report a bad value at the value', async () => {
    expect((await problems('title: Moldova\naccent: blue\n'))[0]).toMatch(/^2:9 .*#rgb or #rrggbb/);
    expect((await problems('pack:\n  file: ../out.pdf\n'))[0]).toMatch(/^2:9 .*\.pdf/);
  });

  it('should report a duplicated metric and a logo that is not an SVG inside the collection', async () => {
    const found = await problems('metrics:\n  - { name: a, label: A, unit: x }\n  - { name: a, label: B, unit: y }\nlogo: ../../etc/passwd\n');
    expect(found.map((line) => line.split(' ')[1])).toEqual(['duplicate-id', 'collection-logo']);
    await writeFile(path.join(root, 'logo.png'), 'PNG');
    expect((await problems('logo: logo.png\n'))[0]).toContain('not an SVG image');
    await writeFile(path.join(root, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    await writeFile(path.join(root, 'briefs.yaml'), 'logo: logo.svg\n');
    expect(loadCollection(root).collection.logo).toContain('<svg');
  });

  it('should fill what the command line leaves out, and let the command line win', async () => {
    await writeFile(path.join(root, 'briefs.yaml'), 'paper: letter\nnotes: endnotes\nout: public\nauthor: The Team\n');
    const config = resolveConfig({ root });
    expect(config).toMatchObject({ paper: 'letter', notes: 'endnotes', out: path.join(root, 'public'), author: 'The Team' });
    expect(resolveConfig({ root, paper: 'a4' }).paper).toBe('a4');
  });

  it('should ship JSON Schemas that match the Zod schemas (run `npm run schemas` after changing one)', async () => {
    for (const [file, schema] of Object.entries(jsonSchemas())) {
      expect(JSON.parse(await readFile(path.join(repoRoot, 'schemas', file), 'utf8'))).toEqual(schema);
    }
    const briefs = jsonSchemas()['briefs.schema.json'] as { properties: Record<string, unknown>; additionalProperties: unknown };
    expect(Object.keys(briefs.properties)).toEqual(expect.arrayContaining(['title', 'lang', 'logo', 'accent', 'pack', 'metrics', 'site']));
    expect(briefs.additionalProperties).toBe(false);
  });
});

describe('orderBriefs', () => {
  it("should put the collection's order first and the other briefs after, in name order", async () => {
    const { orderBriefs } = await import('../../../src/collection/order.js');
    expect(orderBriefs(['a', 'b', 'c', 'd'], ['c', 'x', 'a', 'c'])).toEqual(['c', 'a', 'b', 'd']);
    expect(orderBriefs(['a', 'b'], [])).toEqual(['a', 'b']);
  });
});
