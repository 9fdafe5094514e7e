import { processesMatching, waitUntil } from '../helpers/processes.js';
import { createHash } from 'node:crypto';
import { watch as watchFolder } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import lockfile from 'proper-lockfile';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { build } from '../../src/index.js';
import { pdfPages } from '../helpers/pdf-text.js';
import { makeProject, repoRoot, type TempProject } from '../helpers/project.js';
import { spawnBriefs } from '../helpers/spawn.js';

const briefs = ['legal-framework', 'tip-assessment', 'unmik-era'];

async function hashes(dir: string): Promise<Record<string, string>> {
  // The briefs, the pack, the index and the source viewer's pages (sources/<id>.html).
  const names = (await readdir(dir, { recursive: true })).filter((name) => /\.(html|pdf)$/.test(name)).sort();
  const entries = await Promise.all(
    names.map(async (name) => [name, createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex')] as const),
  );
  return Object.fromEntries(entries);
}

describe('incremental rebuilds', () => {
  let project: TempProject;

  beforeAll(async () => {
    project = await makeProject();
    await build({ root: project.root });
  });

  afterAll(async () => {
    await project.remove();
  });

  it('should report every brief up to date on a second build, without a browser', async () => {
    const before = await hashes(project.path('output'));
    const result = await build({ root: project.root });
    expect(result.launchedBrowser).toBe(false);
    expect(result.briefs.map((brief) => brief.action)).toEqual(['up to date', 'up to date', 'up to date', 'up to date', 'up to date']);
    expect(result.plan.steps.every((step) => step.action === 'skip' && step.reasons.length === 0)).toBe(true);
    expect(await hashes(project.path('output'))).toEqual(before);
  });

  it('should rebuild exactly the briefs that cite a changed document, and say why', async () => {
    const before = await hashes(project.path('output'));
    await project.edit('sources/documents/eu-anti-trafficking-day-2018.txt', (text) => `${text} word`);
    const result = await build({ root: project.root });
    const rebuilt = result.briefs.filter((brief) => brief.action === 'built').map((brief) => brief.briefId);
    // The EU page is cited by the legal and the TIP briefs, not by the UNMIK brief; the handout
    // pack holds all of them, so it is made again too, and so is the site (the EU page's viewer).
    expect(rebuilt).toEqual(['legal-framework', 'tip-assessment', '(handout pack)', '(site)']);
    for (const brief of result.briefs.filter((b) => b.action === 'built')) {
      expect(brief.reasons).toContain('sources/documents/eu-anti-trafficking-day-2018.txt changed');
    }
    const after = await hashes(project.path('output'));
    expect(after['unmik-era.pdf']).toBe(before['unmik-era.pdf']);
    expect(after['unmik-era.html']).toBe(before['unmik-era.html']);
    const report = JSON.parse(await readFile(project.path('output', 'build-report.json'), 'utf8')) as {
      outputs: { output: string; action: string; reasons: string[] }[];
    };
    expect(report.outputs.find((output) => output.output === 'unmik-era.pdf')?.action).toBe('up to date');
    expect(report.outputs.find((output) => output.output === 'tip-assessment.pdf')?.reasons).toContain(
      'sources/documents/eu-anti-trafficking-day-2018.txt changed',
    );
  });

  it('should rebuild only the brief of a changed fact, and list it in CHANGES.md', async () => {
    // Edit the statement of a fact that belongs to the UNMIK brief only.
    const doc = parseDocument(await project.read('sources/facts.yaml'));
    const items = (doc.contents as YAMLSeq<YAMLMap>).items;
    const fact = items.find((item) => JSON.stringify(item.toJSON().topics) === '["unmik-era"]');
    expect(fact).toBeDefined();
    const id = String(fact!.get('id'));
    fact!.set('statement', `${String(fact!.get('statement'))} (edited)`);
    await project.write('sources/facts.yaml', String(doc));
    const result = await build({ root: project.root });
    const rebuilt = result.briefs.filter((brief) => brief.action === 'built');
    expect(rebuilt.map((brief) => brief.briefId)).toEqual(['unmik-era', '(handout pack)', '(site)']);
    expect(rebuilt[0]!.reasons).toEqual([`fact ${id} changed`]);
    const changes = await readFile(project.path('output', 'CHANGES.md'), 'utf8');
    expect(changes).toContain(`Changed (1): \`${id}\``);
  });

  it('should rebuild every brief when a shared template or an option changes', async () => {
    // The collection overrides the built-in stylesheet: a file of its own, then a change to it.
    await mkdir(project.path('templates', 'styles'));
    await cp(path.join(repoRoot, 'defaults', 'templates', 'styles', 'brief.css'), project.path('templates', 'styles', 'brief.css'));
    let result = await build({ root: project.root, formats: ['html'] });
    expect(result.briefs.every((brief) => brief.action === 'built')).toBe(true);
    expect(result.briefs[0]!.reasons).toContain('templates/styles/brief.css added');
    await project.edit('templates/styles/brief.css', (text) => `${text}\n/* changed */\n`);
    result = await build({ root: project.root, formats: ['html'] });
    expect(result.briefs.every((brief) => brief.action === 'built')).toBe(true);
    expect(result.briefs[0]!.reasons).toContain('templates/styles/brief.css changed');
    result = await build({ root: project.root, paper: 'letter' });
    expect(result.briefs.every((brief) => brief.action === 'built')).toBe(true);
    expect(result.briefs[0]!.reasons).toContain('paper changed from a4 to letter');
  });

  it('should fail on a broken fact and leave outputs and manifest byte for byte', async () => {
    const before = await hashes(project.path('output'));
    const manifest = await readFile(project.path('output', 'build-manifest.json'));
    const facts = await project.read('sources/facts.yaml');
    await project.write('sources/facts.yaml', facts.replace('conducted 194 investigations', 'conducted 1940 investigations'));
    await expect(build({ root: project.root })).rejects.toThrow(/problem/);
    expect(await hashes(project.path('output'))).toEqual(before);
    expect((await readFile(project.path('output', 'build-manifest.json'))).equals(manifest)).toBe(true);
    await project.write('sources/facts.yaml', facts);
  });
});

describe('reproducible and safe builds (real processes)', () => {
  let project: TempProject;

  beforeAll(async () => {
    project = await makeProject();
  });

  afterAll(async () => {
    await project.remove();
  });

  it('should give byte-identical files for two forced builds with SOURCE_DATE_EPOCH', async () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const first = spawnBriefs(['build', '--force'], project.root, env);
    expect(await first.exited).toBe(0);
    const once = await hashes(project.path('output'));
    // The first build kept the charts it drew, the notes it formatted and the Markdown it
    // parsed; the second took them from there, and gave the same bytes.
    const results = project.path('.cache', 'briefs', 'results');
    const kept = (await readdir(results, { recursive: true })).filter((name) => name.endsWith('.json')).sort();
    expect(kept.filter((name) => name.startsWith('notes'))).toHaveLength(briefs.length);
    expect(kept.filter((name) => name.startsWith('chart-panel')).length).toBeGreaterThan(0);
    expect(kept.filter((name) => name.startsWith('mdast'))).toHaveLength(briefs.length);
    const second = spawnBriefs(['build', '--force'], project.root, env);
    expect(await second.exited).toBe(0);
    expect(await hashes(project.path('output'))).toEqual(once);
    // A damaged cache costs time, never a wrong brief: every entry cut short, the same bytes.
    for (const name of kept) await writeFile(path.join(results, name), '{"references": ["cut sho');
    const third = spawnBriefs(['build', '--force'], project.root, env);
    expect(await third.exited).toBe(0);
    expect(await hashes(project.path('output'))).toEqual(once);
    // 3 briefs × 2 formats, the pack, the index and 5 source viewer pages.
    expect(Object.keys(once)).toHaveLength(13);
    const pages = await pdfPages(project.path('output', 'unmik-era.pdf'));
    expect(pages[0]).toContain('Edition of 14 November 2023');
  });

  it('should let two builds started at once both finish cleanly, one after the other', async () => {
    // The test holds the output lock itself, so both builds certainly meet a held lock, whatever
    // the machine's load: they wait, and once it is released they build one after the other.
    await mkdir(project.path('output'), { recursive: true });
    const release = await lockfile.lock(project.path('output'), { lockfilePath: project.path('output', '.build.lock'), realpath: false, stale: 20_000, update: 5_000 });
    const a = spawnBriefs(['build', '--force'], project.root);
    const b = spawnBriefs(['build', '--force'], project.root);
    try {
      await Promise.all([a.waitFor(/Waiting for another build/), b.waitFor(/Waiting for another build/)]);
    } finally {
      await release();
    }
    const [codeA, codeB] = await Promise.all([a.exited, b.exited]);
    expect([codeA, codeB], `${a.output()}\n---\n${b.output()}`).toEqual([0, 0]);
    for (const brief of briefs) {
      const pages = await pdfPages(project.path('output', `${brief}.pdf`));
      expect(pages.length).toBeGreaterThan(1);
    }
  });

  it('should stop on SIGINT with exit 130, leave the output as it was and no browser behind', async () => {
    const before = await hashes(project.path('output'));
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'briefs-sigint-'));
    const run = spawnBriefs(['build', '--force'], project.root, { TMPDIR: tmp });
    // Wait until the browser is up (its profile lives under our TMPDIR), then interrupt.
    await waitUntil(() => processesMatching(tmp) > 0);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.output()).toMatch(/interrupted/);
    // The browser goes with the build: it is driven over a pipe, so it exits when the build does.
    await waitUntil(() => processesMatching(tmp) === 0);
    expect(await hashes(project.path('output'))).toEqual(before);
    await rm(tmp, { recursive: true, force: true });
  });

  it('should keep watching after a broken fact, keep the old PDF, and rebuild once it is fixed', async () => {
    const watch = spawnBriefs(['build', '--watch'], project.root);
    try {
      await watch.waitFor(/Watching/);
      const pdf = await readFile(project.path('output', 'tip-assessment.pdf'));
      const facts = await project.read('sources/facts.yaml');
      await project.write('sources/facts.yaml', facts.replace('conducted 194 investigations', 'conducted 1940 investigations'));
      await watch.waitFor(/quote-not-found[\s\S]*Kept the last good output/);
      expect((await readFile(project.path('output', 'tip-assessment.pdf'))).equals(pdf)).toBe(true);
      await project.write('sources/facts.yaml', facts.replace('conducted 194 investigations', 'conducted 194 investigations'));
      await project.edit('sources/facts.yaml', (text) => text.replace(/^(# The curated facts\.)/m, '$1 '));
      await watch.waitFor(/tip-assessment\s+(rebuilt|up to date)[\s\S]*Watching[\s\S]*$/);
    } finally {
      watch.child.kill('SIGINT');
      expect(await watch.exited).toBe(130);
    }
  });

  it('should write an edited brief in watch mode before the pack and the site, and leave the other briefs alone', async () => {
    const watch = spawnBriefs(['build', '--watch'], project.root);
    const out = project.path('output');
    // The order files are put in place, as the file system reports it (each is renamed onto its name).
    const replaced: string[] = [];
    const watcher = watchFolder(out, (_event, name) => {
      if (name && /^[\w-]+\.(html|pdf)$/.test(name) && replaced.at(-1) !== name) replaced.push(name);
    });
    try {
      await watch.waitFor(/Watching/);
      const others = await Promise.all(['tip-assessment.pdf', 'unmik-era.pdf', 'tip-assessment.html'].map((name) => readFile(path.join(out, name))));
      replaced.length = 0;
      const mark = watch.output().length;
      await project.edit('sources/facts.yaml', (text) => text.replace('The 2011 TIP report stated that Kosovo prohibited', 'The 2011 TIP report noted that Kosovo prohibited'));
      await waitUntil(() => /Watching/.test(watch.output().slice(mark)));
      // The brief first, its HTML before its PDF; the pack after them.
      expect(replaced.indexOf('legal-framework.html')).toBeGreaterThanOrEqual(0);
      expect(replaced.indexOf('legal-framework.html')).toBeLessThan(replaced.indexOf('legal-framework.pdf'));
      expect(replaced.indexOf('legal-framework.pdf')).toBeLessThan(replaced.indexOf('kosovo-briefs-handout.pdf'));
      expect(replaced.indexOf('legal-framework.pdf')).toBeLessThan(replaced.indexOf('index.html'));
      expect((await pdfPages(path.join(out, 'legal-framework.pdf'))).join('\n')).toMatch(/2011 TIP report noted that\s+Kosovo prohibited/);
      expect((await pdfPages(path.join(out, 'kosovo-briefs-handout.pdf'))).join('\n')).toMatch(/2011 TIP report noted that\s+Kosovo prohibited/);
      const after = await Promise.all(['tip-assessment.pdf', 'unmik-era.pdf', 'tip-assessment.html'].map((name) => readFile(path.join(out, name))));
      after.forEach((bytes, index) => expect(bytes.equals(others[index]!)).toBe(true));
      expect(replaced).not.toContain('tip-assessment.pdf');
    } finally {
      watcher.close();
      watch.child.kill('SIGINT');
      expect(await watch.exited).toBe(130);
    }
  });
});
