import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectionSchema } from '../../../src/collection/schema.js';
import { factSchema } from '../../../src/facts/schema.js';
import { sourceEntrySchema } from '../../../src/ingest/bibliography.js';
import { frontMatterSchema } from '../../../src/markdown/front-matter.js';
import { collectionFiles, initCollection, schemaFile, schemaReference, titleFromFolder, toolRoot, yamlScalar } from '../../../src/init/index.js';
import { repoRoot } from '../../helpers/project.js';
import { runCliInProcess as runCli } from '../../helpers/cli.js';

const everyFile = [
  'briefs.yaml',
  'sources/sources.yaml',
  'sources/documents/example.txt',
  'sources/facts.yaml',
  'templates/briefs/first-brief.md.hbs',
  'README.md',
  '.gitignore',
];

describe('briefs init', () => {
  let tmp: string;

  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'briefs-init-'));
  });

  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  const read = (...parts: string[]) => readFile(path.join(tmp, ...parts), 'utf8');

  it('should find the tool root two folders up, where package.json and the schemas are', () => {
    expect(toolRoot).toBe(repoRoot);
    expect(schemaFile).toBe(path.join(repoRoot, 'schemas', 'briefs.schema.json'));
  });

  it('should title a collection after its folder', () => {
    expect(titleFromFolder('/x/moldova')).toBe('Moldova');
    expect(titleFromFolder('/x/human-trafficking_in-moldova')).toBe('Human Trafficking In Moldova');
    expect(titleFromFolder('/x/Moldova/')).toBe('Moldova');
    expect(titleFromFolder('/')).toBe('Policy briefs');
  });

  it('should name the schema relative to the collection, with forward slashes', () => {
    expect(schemaReference('/a/b/moldova', '/a/tool/schemas/briefs.schema.json')).toBe('../../tool/schemas/briefs.schema.json');
    expect(schemaReference('/a/tool', '/a/tool/schemas/briefs.schema.json')).toBe('./schemas/briefs.schema.json');
  });

  it('should quote a title only where YAML needs it', () => {
    expect(yamlScalar('Moldova')).toBe('Moldova');
    expect(yamlScalar('Trafficking in Moldova, 2024')).toBe('Trafficking in Moldova, 2024');
    expect(yamlScalar('Moldova: briefs')).toBe('"Moldova: briefs"');
    expect(yamlScalar('#1 briefs')).toBe('"#1 briefs"');
    expect(yamlScalar('yes')).toBe('"yes"');
    expect(parse(`title: ${yamlScalar('Say "no": 50% [draft]')}`)).toEqual({ title: 'Say "no": 50% [draft]' });
  });

  it('should write a collection whose files each pass their schema', async () => {
    const dir = path.join(tmp, 'moldova');
    const result = await initCollection(dir);
    expect(result).toEqual({ dir, title: 'Moldova', written: everyFile, kept: [] });

    const briefsYaml = await read('moldova', 'briefs.yaml');
    expect(briefsYaml.split('\n')[0]).toBe(`# yaml-language-server: $schema=${path.relative(dir, schemaFile).split(path.sep).join('/')}`);
    expect(collectionSchema.parse(parse(briefsYaml))).toMatchObject({ title: 'Moldova', lang: 'en' });
    // Every other field of the schema is listed, commented out.
    for (const field of Object.keys(collectionSchema.shape).filter((name) => name !== 'title' && name !== 'lang')) {
      expect(briefsYaml, field).toMatch(new RegExp(`^# ${field}:`, 'm'));
    }

    const sources = parse(await read('moldova', 'sources', 'sources.yaml')) as unknown[];
    expect(sources).toHaveLength(1);
    const source = sourceEntrySchema.parse(sources[0]);
    expect(source).toMatchObject({ id: 'example', file: 'documents/example.txt', type: 'webpage' });
    expect(source.issued).toBeUndefined();
    expect(source.accessed).toBeUndefined();

    const document = await read('moldova', 'sources', 'documents', 'example.txt');
    expect(document.split(/\n\s*\n/).filter((paragraph) => paragraph.trim() !== '').length).toBeGreaterThanOrEqual(3);
    const facts = parse(await read('moldova', 'sources', 'facts.yaml')) as unknown[];
    expect(facts).toHaveLength(1);
    const fact = factSchema.parse(facts[0]);
    expect(fact.topics).toEqual(['first-brief']);
    expect(fact.citations).toHaveLength(1);
    const quote = fact.citations[0]!;
    expect(quote.source).toBe('example');
    expect(quote.quote.split(/\s+/).length).toBeGreaterThanOrEqual(5);
    expect(document.replace(/\s+/g, ' ')).toContain(quote.quote);

    const template = await read('moldova', 'templates', 'briefs', 'first-brief.md.hbs');
    const matter = /^---\n([\s\S]*?)\n---\n/.exec(template)?.[1];
    expect(frontMatterSchema.parse(parse(matter ?? ''))).toMatchObject({ title: 'First brief' });
    // Generic helpers only: nothing of the TIP reports.
    expect(template).not.toMatch(/\{\{\s*(reportTable|tierTimeline|tierSummary|reportSources|coverage|lawTable)\b/);

    expect((await read('moldova', '.gitignore')).split('\n').filter(Boolean)).toEqual(['output/', '.cache/', 'node_modules/']);
    const readme = await read('moldova', 'README.md');
    expect(readme).toMatch(/^# Moldova\n/);
    for (const step of ['briefs.yaml', 'sources/documents/', 'sources/sources.yaml', 'sources/facts.yaml', 'npx briefs check', 'npx briefs --root DIR build']) {
      expect(readme).toContain(step);
    }
    // Nothing of the Kosovo collection the tool was first built for.
    for (const file of everyFile) expect(await read('moldova', ...file.split('/')), file).not.toMatch(/kosovo/i);
  });

  it('should take a --title', async () => {
    const result = await initCollection(path.join(tmp, 'md'), { title: 'Trafficking in Moldova: briefs' });
    expect(result.title).toBe('Trafficking in Moldova: briefs');
    expect(parse(await read('md', 'briefs.yaml'))).toMatchObject({ title: 'Trafficking in Moldova: briefs' });
    expect(await read('md', 'README.md')).toMatch(/^# Trafficking in Moldova: briefs\n/);
  });

  it('should start a collection in an empty folder that exists, and keep a README and .gitignore it has', async () => {
    await writeFile(path.join(tmp, 'README.md'), '# Mine\n');
    await writeFile(path.join(tmp, '.gitignore'), 'dist/\n');
    await mkdir(path.join(tmp, 'sources'));
    const result = await initCollection(tmp);
    expect(result.written).toEqual(everyFile.filter((file) => file !== 'README.md' && file !== '.gitignore'));
    expect(result.kept).toEqual(['README.md', '.gitignore']);
    expect(await read('README.md')).toBe('# Mine\n');
    expect(await read('.gitignore')).toBe('dist/\n');
  });

  it('should refuse a folder with a collection, or with sources or templates, and write nothing', async () => {
    await writeFile(path.join(tmp, 'briefs.yaml'), 'title: Mine\n');
    await expect(initCollection(tmp, { shown: '.' })).rejects.toThrow(/^"\." already holds a collection \(briefs\.yaml\): `briefs init` never overwrites one\./);
    expect(await readdir(tmp)).toEqual(['briefs.yaml']);
    expect(await read('briefs.yaml')).toBe('title: Mine\n');

    for (const part of ['sources', 'templates']) {
      const dir = path.join(tmp, part === 'sources' ? 'a' : 'b');
      await mkdir(path.join(dir, part, 'x'), { recursive: true });
      await expect(initCollection(dir, { shown: path.basename(dir) })).rejects.toThrow(new RegExp(`^"${path.basename(dir)}/${part}" already exists and is not empty`));
      expect(await readdir(dir)).toEqual([part]);
    }
    await writeFile(path.join(tmp, 'file'), '');
    await expect(initCollection(path.join(tmp, 'file'), { shown: 'file' })).rejects.toThrow(/^"file" is a file/);
  });

  it('should print what it wrote and what to run next, relative to where it was started', async () => {
    const run = await runCli(['init', 'moldova'], tmp);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'Started the collection "Moldova" in moldova:',
      ...everyFile.map((file) => `  ${file}`),
      '',
      'Next:',
      "  npx briefs --root moldova check   verify the example's quote (no browser; writes nothing)",
      `  npx briefs --root moldova build   write the briefs, HTML and PDF, to ${path.join('moldova', 'output')}${path.sep}`,
      `Then edit briefs.yaml and add your own documents and facts: ${path.join('moldova', 'README.md')} says how.`,
    ]);

    const again = await runCli(['init', 'moldova'], tmp);
    expect(again).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^"moldova" already holds a collection \(moldova\/briefs\.yaml\)/) });

    // -C: the folder is found from there; the next commands are as typed here.
    const nested = await runCli(['-C', 'moldova', 'init', 'sub'], tmp);
    expect(nested.code, nested.stderr).toBe(0);
    expect(nested.stdout).toMatch(/^Started the collection "Sub" in moldova\/sub:/);
    expect(nested.stdout).toContain('npx briefs --root moldova/sub check');

    // In the current folder: no --root to give.
    const here = path.join(tmp, 'here');
    await mkdir(here);
    const local = await runCli(['init', '--quiet'], here);
    expect(local).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await readdir(here)).sort()).toEqual(['.gitignore', 'README.md', 'briefs.yaml', 'sources', 'templates']);
    await mkdir(path.join(tmp, 'there'));
    const shown = await runCli(['init', '.'], path.join(tmp, 'there'));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Started the collection "There" in this folder:/);
    expect(shown.stdout).toContain('  npx briefs check   ');
  });

  it('should keep its file list in step with what it writes', () => {
    expect(collectionFiles({ title: 'T', schema: 's' }).map((file) => file.path)).toEqual(everyFile);
  });
});
