import { get, type IncomingMessage } from 'node:http';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, type TempProject } from '../helpers/project.js';
import { spawnBriefs, type BriefsProcess } from '../helpers/spawn.js';

/** GET a path of the preview: status, headers and body. */
function fetchPath(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** The preview's events as they come: `event: kind` and its data, in order. */
function listen(url: string): Promise<{ events: { kind: string; data: string }[]; close: () => void }> {
  return new Promise((resolve, reject) => {
    const events: { kind: string; data: string }[] = [];
    let buffered = '';
    const request = get(url, (response: IncomingMessage) => {
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffered += chunk;
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const kind = /^event: (.*)$/m.exec(block)?.[1];
          if (kind) events.push({ kind, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
        }
      });
      resolve({ events, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 25));
};

describe('briefs preview', () => {
  let project: TempProject;
  let preview: BriefsProcess;
  let base: string;

  beforeAll(async () => {
    project = await makeProject();
    preview = spawnBriefs(['preview', '--port', '0'], project.root);
    await preview.waitFor(/Watching/);
    base = /Preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(preview.output())![1]!;
  });

  afterAll(async () => {
    preview?.child.kill('SIGINT');
    expect(await preview?.exited).toBe(130);
    await project?.remove();
  });

  it('should serve the output as it is built, on 127.0.0.1 only, and nothing outside it', async () => {
    const page = await fetchPath(base);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toMatch(/<iframe src="\/index\.html"/);
    expect(page.body.toString()).toContain("new EventSource('/__preview/events')");
    // The brief exactly as built: the reload lives in the preview page, never in the brief.
    const brief = await fetchPath(`${base}legal-framework.html`);
    expect(brief.status).toBe(200);
    expect(brief.type).toMatch(/^text\/html/);
    expect(brief.body.equals(await readFile(project.path('output', 'legal-framework.html')))).toBe(true);
    expect((await fetchPath(`${base}legal-framework.pdf`)).type).toBe('application/pdf');
    for (const outside of ['../briefs.yaml', '%2e%2e/briefs.yaml', '..%2fsources%2ffacts.yaml']) {
      expect((await fetchPath(`${base}${outside}`)).status).toBe(404);
    }
    // A page shows only this server's files in its frame.
    expect((await fetchPath(`${base}__preview/?show=${encodeURIComponent('https://example.org/')}`)).body.toString()).toMatch(/<iframe src="\/index\.html"/);
  });

  it('should refuse a --port in use in one line, exit 2, before building anything', async () => {
    const port = new URL(base).port;
    const second = spawnBriefs(['preview', '--port', port], project.root);
    expect(await second.exited).toBe(2);
    expect(second.output().trim()).toBe(`Port ${port} on 127.0.0.1 is in use (another preview?): choose another with --port, or leave --port out to take the next free one.`);
  });

  it('should tell the preview page when an edited brief is written, before the pack, and when a change does not build', async () => {
    const stream = await listen(`${base}__preview/events`);
    try {
      await project.edit('sources/facts.yaml', (text) => text.replace('The 2011 TIP report stated that Kosovo prohibited', 'The 2011 TIP report noted that Kosovo prohibited'));
      await until(() => stream.events.some((event) => event.kind === 'built'));
      const written = stream.events.filter((event) => event.kind === 'written').flatMap((event) => JSON.parse(event.data) as string[]);
      expect(stream.events[0]!.kind).toBe('building');
      expect(written.indexOf('/legal-framework.html')).toBeGreaterThanOrEqual(0);
      expect(written.indexOf('/legal-framework.html')).toBeLessThan(written.indexOf('/legal-framework.pdf'));
      expect(written.indexOf('/legal-framework.pdf')).toBeLessThan(written.indexOf('/kosovo-briefs-handout.pdf'));
      // Each file once: a reader's page reloads once per change.
      expect(new Set(written).size).toBe(written.length);
      expect(written).not.toContain('/tip-assessment.pdf');
      expect((await fetchPath(`${base}legal-framework.html`)).body.toString()).toMatch(/2011 TIP report noted that\s+Kosovo prohibited/);

      stream.events.length = 0;
      await project.edit('sources/facts.yaml', (text) => text.replace('conducted 194 investigations', 'conducted 1940 investigations'));
      await until(() => stream.events.some((event) => event.kind === 'failed'));
      const failed = stream.events.find((event) => event.kind === 'failed')!;
      expect(JSON.parse(failed.data)).toMatch(/quote-not-found/);
      expect(stream.events.some((event) => event.kind === 'written')).toBe(false);
    } finally {
      stream.close();
    }
  });
});
