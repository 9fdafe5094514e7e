import { createHash } from 'node:crypto';
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { reply, startHttpServer, type Handler, type TestServer } from '../helpers/http-server.js';
import { makeProject, type TempProject } from '../helpers/project.js';

const epoch = { SOURCE_DATE_EPOCH: '1764547200' };
const koha = 'sources/documents/koha-tip-2016-summary.txt';
const wiki = 'sources/documents/wikipedia-human-trafficking-in-kosovo.txt';
/** A sentence of the Koha summary that two facts quote. */
const quoted = 'categorized Kosovo as a source and destination country';

async function hashes(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir, { recursive: true })).filter((name) => /\.(html|pdf)$/.test(name)).sort();
  const entries = await Promise.all(names.map(async (name) => [name, createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex')] as const));
  return Object.fromEntries(entries);
}

const exists = (file: string) => access(file).then(() => true, () => false);

/** The lines a fetch printed for sources: `✓ id …`, `✗ id …`, `• id …`. */
const sourceLines = (stdout: string) => stdout.split('\n').filter((line) => /^[✓✗•] \S/.test(line));

/** Answer with `body` and an ETag, or 304 when the client already has that ETag. */
function withEtag(body: string, etag: string): Handler {
  return (request, response) => {
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', etag });
    response.end(body);
  };
}

describe('briefs fetch: sources that change upstream', () => {
  let project: TempProject;
  let server: TestServer;
  let kohaText: string;
  let wikiText: string;
  let built: Record<string, string>;

  /** Set `fetch:` (and any other field) on entries of sources.yaml. */
  async function watch(fields: Record<string, Record<string, unknown>>): Promise<void> {
    const doc = parseDocument(await project.read('sources/sources.yaml'));
    for (const item of (doc.contents as YAMLSeq<YAMLMap>).items) {
      const extra = fields[String(item.get('id'))];
      for (const [key, value] of Object.entries(extra ?? {})) item.set(key, doc.createNode(value));
    }
    await project.write('sources/sources.yaml', doc.toString({ lineWidth: 0 }));
  }

  const fetch = (...args: string[]) => runCli(['fetch', ...args], project.root);
  const build = (...args: string[]) => runCli(['build', ...args], project.root, { env: epoch });

  beforeAll(async () => {
    project = await makeProject();
    server = await startHttpServer();
    kohaText = await project.read(koha);
    wikiText = await project.read(wiki);
    await watch({
      'koha-tip-2016': { fetch: { url: server.url('/koha') } },
      'eu-campaign-2018': { fetch: { url: server.url('/eu') } },
      'wp-prostitution': { fetch: { url: server.url('/prostitution') } },
      'tip-2011': { fetch: { url: server.url('/tip-2011'), 'max-bytes': 100_000 } },
      'wp-trafficking': { fetch: { url: server.url('/wiki/Human_trafficking_in_Kosovo'), api: 'mediawiki' } },
    });
    const first = await build();
    expect(first.code, first.stderr).toBe(0);
    built = await hashes(project.path('output'));
  });

  afterAll(async () => {
    await server?.close();
    await project?.remove();
  });

  it('should report a 304, a 500, a timeout and an oversized body in one line each, archive nothing and lose nothing', async () => {
    const bibliography = await project.read('sources/sources.yaml');
    // The first run learns Koha's ETag (the same bytes as the pinned copy), the second gets 304.
    server.route('/koha', withEtag(kohaText, '"koha-1"'));
    server.route('/eu', reply(500, 'down'));
    server.route('/prostitution', () => undefined); // never answers
    server.route('/tip-2011', reply(200, 'x'.repeat(200_000), { 'content-type': 'text/plain' }));
    server.route('/w/api.php', reply(200, JSON.stringify({ query: { pages: [{ title: 'Human trafficking in Kosovo', missing: true }] } }), { 'content-type': 'application/json' }));
    const learn = await fetch('koha-tip-2016');
    expect(learn.code, learn.stdout + learn.stderr).toBe(0);
    expect(learn.stdout).toMatch(/✓ koha-tip-2016 +unchanged \(the same bytes as the pinned copy\)/);

    const run = await fetch('--timeout', '1');
    expect(run.code, run.stdout + run.stderr).toBe(4);
    const lines = sourceLines(run.stdout);
    expect(lines).toHaveLength(5);
    expect(lines.find((line) => line.includes(' koha-tip-2016 '))).toMatch(/✓ koha-tip-2016 +unchanged \(304 Not Modified\)$/);
    expect(lines.find((line) => line.includes(' eu-campaign-2018 '))).toMatch(/✗ eu-campaign-2018 +could not be fetched: HTTP 500 Internal Server Error after 3 tries; nothing archived, the pinned copy stays/);
    expect(lines.find((line) => line.includes(' wp-prostitution '))).toMatch(/✗ wp-prostitution +could not be fetched: no complete answer within 1 s; nothing archived/);
    expect(lines.find((line) => line.includes(' tip-2011 '))).toMatch(/✗ tip-2011 +could not be fetched: the body is over the limit of 98 KB; nothing archived/);
    expect(lines.find((line) => line.includes(' wp-trafficking '))).toMatch(/✗ wp-trafficking +could not be fetched: gone: the wiki has no page "Human trafficking in Kosovo"; nothing archived/);
    // Koha's second request was conditional on the ETag the first one learnt.
    expect(server.requests.filter((request) => request.url === '/koha').at(-1)?.headers['if-none-match']).toBe('"koha-1"');
    expect(server.requests.find((request) => request.url === '/koha')?.headers['user-agent']).toMatch(/^briefs\/\S+ \(briefs fetch/);

    expect(await exists(project.path('sources', 'archive'))).toBe(false);
    expect(await project.read('sources/sources.yaml')).toBe(bibliography);
    expect(await project.read(koha)).toBe(kohaText);
    const report = JSON.parse(await project.read('output/source-drift.json')) as { summary: { failed: number; brokenQuotes: number } };
    expect(report.summary).toMatchObject({ failed: 4, brokenQuotes: 0 });
    const after = await build();
    expect(after.stdout).toContain('Everything up to date');
    expect(await hashes(project.path('output'))).toEqual(built);
  });

  it('should follow a permanent redirect and say so, and refuse a redirect to file: or a page that is gone', async () => {
    server.route('/eu', reply(410, 'gone'));
    server.route('/prostitution', reply(302, '', { location: 'file:///etc/passwd' }));
    server.route('/tip-2011', reply(301, '', { location: '/tip-2011-new' }));
    server.route('/tip-2011-new', reply(200, await project.read('sources/documents/tip-2011-kosovo-refworld.txt'), { 'content-type': 'text/plain' }));
    const run = await fetch('eu-campaign-2018', 'wp-prostitution', 'tip-2011');
    expect(run.code, run.stdout + run.stderr).toBe(4);
    const lines = sourceLines(run.stdout);
    expect(lines.find((line) => line.includes(' eu-campaign-2018 '))).toMatch(/could not be fetched: gone: HTTP 410 Gone; nothing archived/);
    expect(lines.find((line) => line.includes(' wp-prostitution '))).toMatch(/could not be fetched: redirected to file:\/\/\/etc\/passwd: only http: and https: addresses are followed/);
    expect(lines.find((line) => line.includes(' tip-2011 '))).toMatch(/unchanged \(moved permanently to http:\/\/127\.0\.0\.1:\d+\/tip-2011-new: update `fetch\.url` or `URL`\)/);
    expect(await exists(project.path('sources', 'archive'))).toBe(false);
  });

  it('should exit with the drift code when a quoted sentence changed, name the fact and the closest passage, and keep building from the pin', async () => {
    const bibliography = await project.read('sources/sources.yaml');
    expect(kohaText).toContain(quoted);
    server.route('/koha', reply(200, kohaText.replace(quoted, quoted.replace('source', 'origin')), { 'content-type': 'text/plain' }));
    const run = await fetch('koha-tip-2016', '--accept');
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stdout).toMatch(/✗ koha-tip-2016 +changed upstream; archived as sources\/archive\/koha-tip-2016\/\d{4}-\d{2}-\d{2}-[0-9a-f]{12}\.txt: 2 quotes of 19 no longer verify; the pin stays on documents\/koha-tip-2016-summary\.txt/);
    expect(run.stdout).toMatch(/✗ fact koha-2016-profile-country-role \(sources\/facts\.yaml:\d+\), source koha-tip-2016: .* no longer there \(was ¶ 2\); closest passage ¶ 2, line \d+ \(similarity 0\.\d\d\): “[^”]*categorized Kosovo as a origin and destination country/);
    expect(run.stdout).toContain('what differs: “source” → “origin”');
    const drift = await project.read('output/SOURCE-DRIFT.md');
    expect(drift).toContain('**2 quotes no longer verify upstream**');
    expect(drift).toMatch(/- \*\*koha-2016-profile-country-role\*\* \(`sources\/facts\.yaml:\d+`\)/);
    // Archived, but the pin did not move, even with --accept.
    const archived = await readdir(project.path('sources', 'archive', 'koha-tip-2016'));
    expect(archived.filter((name) => name.endsWith('.txt'))).toHaveLength(1);
    expect(archived.filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect(await project.read('sources/sources.yaml')).toBe(bibliography);
    expect(await project.read(koha)).toBe(kohaText);

    const after = await build();
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain('Everything up to date');
    expect(await hashes(project.path('output'))).toEqual(built);
    // The same page fetched again is still a broken quote: the report does not forget it.
    const again = await fetch('koha-tip-2016');
    expect(again.code).toBe(3);
    expect(sourceLines(again.stdout)[0]).toMatch(/unchanged since \d{4}-\d{2}-\d{2} \(304 Not Modified\)|unchanged since \d{4}-\d{2}-\d{2}, and not the pinned copy/);
  });

  it('should move the pin of a page changed elsewhere with --accept, and rebuild exactly the briefs that cite it, with the reason', async () => {
    server.route('/koha', reply(200, `${kohaText.trimEnd()}\n\nA paragraph the page gained later, which no fact quotes.\n`, { 'content-type': 'text/plain' }));
    const dry = await fetch('koha-tip-2016');
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/• koha-tip-2016 +changed upstream; archived as .*: all 19 quotes still there; `briefs fetch --accept` moves the pin/);
    const run = await fetch('koha-tip-2016', '--accept');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ koha-tip-2016 +unchanged .*all 19 quotes still there; pin moved/);
    const bibliography = await project.read('sources/sources.yaml');
    const entry = /- id: koha-tip-2016\n(?:  .*\n)+/.exec(bibliography)![0];
    const file = /  file: (archive\/koha-tip-2016\/(\d{4}-\d{2}-\d{2})-[0-9a-f]{12}\.txt)\n/.exec(entry);
    expect(file, entry).not.toBeNull();
    expect(entry).toContain(`  accessed: ${file![2]}\n`);
    // The comment under the entry stayed where the curator wrote it.
    expect(bibliography).toContain('# The page shows no date. It summarises the 2016 US Trafficking in Persons report (covering 2015).');
    expect(await project.read(koha)).toBe(kohaText);

    const rebuilt = await runCli(['build', '--json'], project.root, { env: epoch });
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const summary = JSON.parse(rebuilt.stdout) as { briefs: { id: string; action: string; reasons: string[] }[] };
    expect(summary.briefs.filter((brief) => brief.action === 'built').map((brief) => brief.id)).toEqual(['legal-framework', 'tip-assessment', '(handout pack)', '(site)']);
    for (const brief of summary.briefs.filter((b) => b.action === 'built')) {
      expect(brief.reasons).toEqual([`${koha} updated upstream (fetched ${file![2]})`]);
    }
    expect(rebuilt.stderr).toContain(`${koha} updated upstream (fetched ${file![2]})`);
    const after = await hashes(project.path('output'));
    expect(after['unmik-era.pdf']).toBe(built['unmik-era.pdf']);
    expect(after['tip-assessment.pdf']).not.toBe(built['tip-assessment.pdf']);
  });

  it('should fetch a Wikipedia source as a revision through the MediaWiki API and cite the revision', async () => {
    const extract = `${wikiText.split('\n').slice(2).join('\n').trimEnd()}\n\nA sentence added in a later revision, which no fact quotes.`;
    server.route('/w/api.php', reply(200, JSON.stringify({ query: { pages: [{ title: 'Human trafficking in Kosovo', revisions: [{ revid: 1270000001, timestamp: '2026-11-30T10:15:00Z' }], extract }] } }), { 'content-type': 'application/json' }));
    const run = await fetch('wp-trafficking', '--accept');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ wp-trafficking +changed upstream \(revision 1270000001 of 2026-11-30\); archived as .*: all 15 quotes still there; pin moved/);
    const api = server.requests.filter((request) => request.url.startsWith('/w/api.php')).at(-1)!;
    const query = new URL(api.url, server.origin).searchParams;
    expect(query.get('titles')).toBe('Human trafficking in Kosovo');
    expect(query.get('prop')).toBe('revisions|extracts');
    const entry = /- id: wp-trafficking\n(?:  .*\n)+/.exec(await project.read('sources/sources.yaml'))![0];
    expect(entry).toContain('  version: "1270000001"\n');
    expect(entry).toContain('  issued: 2026-11-30\n');
    expect(entry).toContain(`  URL: ${server.origin}/w/index.php?title=Human_trafficking_in_Kosovo&oldid=1270000001\n`);
    const check = await runCli(['check'], project.root);
    expect(check.code, check.stderr).toBe(0);
    // Fetched again: the permalink still names the page, and the revision is the same.
    const again = await fetch('wp-trafficking');
    expect(again.code).toBe(0);
    expect(sourceLines(again.stdout)[0]).toMatch(/✓ wp-trafficking +unchanged \(revision 1270000001 of 2026-11-30\)$/);
  });

  it("should notice a new year's document of a series, archive it and list it as not yet curated", async () => {
    await watch({ 'tip-2011': { fetch: { url: server.url('/tip-2011-new'), series: { url: `${server.origin}/tip/{year}/kosovo.txt`, from: 2012 } } } });
    const year = new Date().getUTCFullYear();
    server.route(`/tip/${year}/kosovo.txt`, reply(200, 'Kosovo is a source, transit, and destination country for men, women, and children subjected to trafficking.\n', { 'content-type': 'text/plain' }));
    for (const route of ['/koha', '/eu', '/prostitution']) server.route(route, reply(404, 'not here'));
    const run = await fetch();
    expect(run.stdout, run.stderr).toContain(`• tip-${year}`);
    expect(run.stdout).toMatch(new RegExp(`new, not yet curated: http://127\\.0\\.0\\.1:\\d+/tip/${year}/kosovo\\.txt \\(series of tip-2011\\), archived as sources/archive/tip-${year}/`));
    expect(await project.read('output/SOURCE-DRIFT.md')).toContain('## New, not yet curated');
    const coverage = await runCli(['coverage'], project.root);
    expect(coverage.code, coverage.stderr).toBe(0);
    expect(coverage.stdout).toContain(`tip-${year}`);
    expect(coverage.stdout).toMatch(/not yet curated/);
  });
});
