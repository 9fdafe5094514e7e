import { execFileSync } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VFileMessage } from 'vfile-message';
import { folderCache, readSources, sha256, type ExtractCache } from '../../../src/ingest/index.js';
import { collectionRoot, lineOf, makeProject, type TempProject } from '../../helpers/project.js';

/** The one message of a list (fails the test if there are none or several). */
function only(messages: readonly VFileMessage[]): VFileMessage {
  expect(messages.map((message) => message.ruleId)).toHaveLength(1);
  return messages[0]!;
}

describe('readSources on the real sources folder', () => {
  it('should read the five documents in bibliography order without messages', async () => {
    const sources = await readSources(path.join(collectionRoot, 'sources'));
    expect(sources.messages).toEqual([]);
    expect([...sources.docs.keys()]).toEqual(['wp-prostitution', 'koha-tip-2016', 'wp-trafficking', 'eu-campaign-2018', 'tip-2011']);
  });

  it('should give each document a sha256 digest of its bytes', async () => {
    const sources = await readSources(path.join(collectionRoot, 'sources'));
    for (const doc of sources.docs.values()) {
      expect(doc.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(doc.digest).toBe(sha256(await readFile(doc.path)));
      expect(path.isAbsolute(doc.path)).toBe(true);
    }
    expect(new Set([...sources.docs.values()].map((doc) => doc.digest)).size).toBe(5);
    expect(sources.bibliography.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should convert bibliography entries to CSL-JSON with date-parts and no file', async () => {
    const sources = await readSources(path.join(collectionRoot, 'sources'));
    const tip = sources.docs.get('tip-2011');
    expect(tip?.bib).toEqual({
      id: 'tip-2011',
      type: 'report',
      title: '2011 Trafficking in Persons Report - Kosovo',
      'title-short': '2011 Trafficking in Persons Report',
      label: 'the 2011 TIP report (Refworld copy)',
      kind: 'primary report',
      author: [{ literal: 'United States Department of State' }],
      publisher: 'United States Department of State',
      archive: 'Refworld',
      URL: 'http://www.refworld.org/docid/4e12ee6cc.html',
      issued: { 'date-parts': [[2011, 6, 27]] },
      accessed: { 'date-parts': [[2018, 1, 21]] },
    });
    for (const doc of sources.docs.values()) expect(doc.bib).not.toHaveProperty('file');
  });

  it('should record the line of each entry in sources.yaml', async () => {
    const text = await readFile(path.join(collectionRoot, 'sources', 'sources.yaml'), 'utf8');
    const sources = await readSources(path.join(collectionRoot, 'sources'));
    expect(sources.docs.get('tip-2011')?.entryLine).toBe(lineOf(text, '- id: tip-2011'));
  });
});

describe('readSources problems', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await makeProject();
  });

  afterEach(async () => {
    await project.remove();
  });

  it('should report a missing document at the `file:` line of sources.yaml', async () => {
    await project.edit('sources/sources.yaml', (text) =>
      text.replace('file: documents/eu-anti-trafficking-day-2018.txt', 'file: documents/not-there.txt'),
    );
    const text = await project.read('sources/sources.yaml');
    const sources = await readSources(project.path('sources'));
    const message = only(sources.messages);
    expect(message.ruleId).toBe('source-file-missing');
    expect(message.line).toBe(lineOf(text, 'file: documents/not-there.txt'));
    expect(message.column).toBe(9);
    expect(message.fatal).toBe(true);
    expect(message.file).toBe(project.path('sources', 'sources.yaml'));
    expect(message.reason).toMatch(/Source "eu-campaign-2018" names the file "documents\/not-there\.txt", which does not exist/);
    expect(sources.docs.has('eu-campaign-2018')).toBe(false);
    expect(sources.docs.size).toBe(4);
  });

  it.each([
    ['a symbolic link in documents/ that leads out', 'documents/passwd.txt', 'link'],
    ['an absolute path', '/etc/passwd', 'none'],
    ['a path that climbs out with ../', '../../../../../../../../../etc/passwd', 'none'],
  ])('should refuse %s, at the `file:` line, and read nothing', async (_what, file, make) => {
    if (make === 'link') await symlink('/etc/passwd', project.path('sources', 'documents', 'passwd.txt'));
    await project.edit('sources/sources.yaml', (text) => text.replace('file: documents/eu-anti-trafficking-day-2018.txt', `file: ${file}`));
    const text = await project.read('sources/sources.yaml');
    const message = only((await readSources(project.path('sources'))).messages);
    expect(message.ruleId).toBe('source-outside-collection');
    expect([message.line, message.column]).toEqual([lineOf(text, `file: ${file}`), 9]);
    expect(message.reason).toMatch(/Source "eu-campaign-2018" names the file ".*", which is "\/etc\/passwd": outside the sources folder/);
  });

  it('should refuse a folder and a named pipe by what they are, without reading them', async () => {
    await mkdir(project.path('sources', 'documents', 'a-folder'));
    execFileSync('mkfifo', [project.path('sources', 'documents', 'pipe.txt')]);
    await project.edit('sources/sources.yaml', (text) =>
      text
        .replace('file: documents/eu-anti-trafficking-day-2018.txt', 'file: documents/a-folder')
        .replace('file: documents/koha-tip-2016-summary.txt', 'file: documents/pipe.txt'),
    );
    // A pipe that is read waits for a writer for ever: the test would hang, not fail.
    const messages = (await readSources(project.path('sources'))).messages;
    expect(messages.map((message) => [message.ruleId, message.reason])).toEqual([
      ['source-not-a-file', 'Source "koha-tip-2016" names "documents/pipe.txt", which is a named pipe, not a document file.'],
      ['source-not-a-file', 'Source "eu-campaign-2018" names "documents/a-folder", which is a folder, not a document file.'],
    ]);
  });

  it('should report a duplicate YAML key with its line', async () => {
    await project.edit('sources/sources.yaml', (text) =>
      text.replace('  title: Prostitution in Kosovo\n', '  title: Prostitution in Kosovo\n  title: Again\n'),
    );
    const text = await project.read('sources/sources.yaml');
    const sources = await readSources(project.path('sources'));
    const message = only(sources.messages);
    expect(message.ruleId).toBe('yaml-duplicate-key');
    expect(message.line).toBe(lineOf(text, 'title: Again'));
    expect(message.column).toBe(3);
    expect(message.reason).toMatch(/^The key ".+" appears twice in the same entry\.$/);
    expect(sources.docs.size).toBe(0);
  });

  it('should name the repeated key in the duplicate-key message', async () => {
    await project.edit('sources/sources.yaml', (text) =>
      text.replace('  title: Prostitution in Kosovo\n', '  title: Prostitution in Kosovo\n  title: Again\n'),
    );
    const sources = await readSources(project.path('sources'));
    expect(only(sources.messages).reason).toBe('The key "title" appears twice in the same entry.');
  });

  it('should report a document that is not valid UTF-8 at its `file:` line', async () => {
    await writeFile(project.path('sources/documents/koha-tip-2016-summary.txt'), Buffer.from([0x4b, 0x6f, 0xff, 0xfe, 0x0a]));
    const text = await project.read('sources/sources.yaml');
    const sources = await readSources(project.path('sources'));
    const message = only(sources.messages);
    expect(message.ruleId).toBe('source-unreadable');
    expect(message.line).toBe(lineOf(text, 'file: documents/koha-tip-2016-summary.txt'));
    expect(message.column).toBe(9);
    expect(message.reason).toMatch(/The document "documents\/koha-tip-2016-summary\.txt" cannot be read: it is not valid UTF-8/);
    expect(sources.docs.has('koha-tip-2016')).toBe(false);
  });

  it('should report a bibliography entry that breaks the schema with the entry id', async () => {
    await project.edit('sources/sources.yaml', (text) => text.replace('  type: webpage\n', '  type: blog\n'));
    const text = await project.read('sources/sources.yaml');
    const sources = await readSources(project.path('sources'));
    const message = only(sources.messages);
    expect(message.ruleId).toBe('schema-invalid');
    expect(message.line).toBe(lineOf(text, 'type: blog'));
    expect(message.column).toBe(9);
    expect(message.reason).toMatch(/^Source "eu-campaign-2018": `type`: /);
  });

  it('should report a source id used twice at the second id', async () => {
    await project.edit('sources/sources.yaml', (text) => text.replace('- id: wp-trafficking', '- id: wp-prostitution'));
    const text = await project.read('sources/sources.yaml');
    const sources = await readSources(project.path('sources'));
    const message = only(sources.messages);
    expect(message.ruleId).toBe('duplicate-id');
    expect(message.line).toBe(text.split('\n').lastIndexOf('- id: wp-prostitution') + 1);
    expect(message.column).toBe(7);
    expect(message.reason).toMatch(/^The source id "wp-prostitution" is used twice\.$/);
    expect(sources.docs.get('wp-prostitution')?.path).toMatch(/wikipedia-prostitution-in-kosovo\.txt$/);
  });

  it('should report a document with no text once its chrome is set aside', async () => {
    await project.write('sources/documents/koha-tip-2016-summary.txt', 'Skip to main content\n\n   \n');
    const text = await project.read('sources/sources.yaml');
    const sources = await readSources(project.path('sources'));
    const message = only(sources.messages);
    expect(message.ruleId).toBe('source-empty');
    expect(message.line).toBe(lineOf(text, 'file: documents/koha-tip-2016-summary.txt'));
    expect(message.column).toBe(9);
    expect(message.reason).toMatch(/has no text once page chrome is set aside/);
  });
});

describe('readSources with a source entry’s own chrome', () => {
  let project: TempProject;
  const kohaTitle = 'US State Department: Kosovo, source and destination for human trafficking (Koha)';

  beforeEach(async () => {
    project = await makeProject();
  });

  afterEach(async () => {
    await project.remove();
  });

  /** Give the Koha entry a `chrome:` list, written as YAML list items. */
  const kohaChrome = (items: string) =>
    project.edit('sources/sources.yaml', (text) =>
      text.replace('  file: documents/koha-tip-2016-summary.txt\n', `  file: documents/koha-tip-2016-summary.txt\n  chrome:\n${items}`),
    );

  it('should set aside the lines the `chrome:` list names, number the rest from ¶ 1, and keep the list out of the CSL item', async () => {
    await kohaChrome(`    - "${kohaTitle}"\n`);
    const sources = await readSources(project.path('sources'));
    expect(sources.messages).toEqual([]);
    const koha = sources.docs.get('koha-tip-2016')!;
    expect(koha.chrome.map((line) => [line.line, line.rule])).toEqual([
      [1, 'javascript-notice'],
      [2, 'skip-link'],
      [4, 'source-entry'],
    ]);
    expect(koha.paragraphs.map((paragraph) => [paragraph.n, paragraph.line])).toEqual([[1, 6]]);
    expect(koha.bib).not.toHaveProperty('chrome');
  });

  it('should match a pattern against whole lines', async () => {
    await kohaChrome('    - pattern: "US State Department: .+ \\\\(Koha\\\\)"\n    - { pattern: "us state", flags: i }\n');
    const text = await project.read('sources/sources.yaml');
    const sources = await readSources(project.path('sources'));
    expect(sources.docs.get('koha-tip-2016')?.chrome.at(-1)).toMatchObject({ line: 4, text: kohaTitle, rule: 'source-entry' });
    // The second pattern matches only the start of a line: it sets nothing aside.
    const message = only(sources.messages);
    expect(message.ruleId).toBe('chrome-unmatched');
    expect(message.fatal).toBe(false);
    expect(message.line).toBe(lineOf(text, '- { pattern: "us state"'));
    expect(message.reason).toBe('The `chrome` item /us state/i of source "koha-tip-2016" matches no line of "documents/koha-tip-2016-summary.txt" that is not already set aside.');
  });

  it('should warn at the list item when an item matches no line, or only a line set aside already', async () => {
    await kohaChrome('    - Skip to main content\n    - "Not in the page"\n');
    const text = await project.read('sources/sources.yaml');
    const sources = await readSources(project.path('sources'));
    expect(sources.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal])).toEqual([
      ['chrome-unmatched', lineOf(text, '- Skip to main content'), 7, false],
      ['chrome-unmatched', lineOf(text, '- "Not in the page"'), 7, false],
    ]);
    expect(sources.messages[1]?.reason).toMatch(/^The `chrome` item "Not in the page" of source "koha-tip-2016" matches no line/);
    expect(sources.docs.get('koha-tip-2016')?.paragraphs).toHaveLength(2);
  });

  it('should report a pattern that is not a regular expression at the pattern, naming the problem', async () => {
    await kohaChrome('    - pattern: "(Koha"\n');
    const text = await project.read('sources/sources.yaml');
    const sources = await readSources(project.path('sources'));
    const message = only(sources.messages);
    expect(message.ruleId).toBe('schema-invalid');
    expect(message.line).toBe(lineOf(text, 'pattern: "(Koha"'));
    expect(message.column).toBe(16);
    expect(message.reason).toBe('Source "koha-tip-2016": `pattern`: not a valid regular expression (Unterminated group)');
  });

  it('should report an item that is neither a line nor a pattern, and flags a pattern cannot take', async () => {
    await kohaChrome('    - 42\n    - { pattern: "x", flags: g }\n    - { regex: "x" }\n');
    const sources = await readSources(project.path('sources'));
    expect(sources.messages.map((message) => message.reason)).toEqual([
      'Source "koha-tip-2016": `chrome`: write a line of the document as text, or `{ pattern: … }` for a regular expression',
      'Source "koha-tip-2016": `flags`: the flags may be i, s, u and v',
      'Source "koha-tip-2016": `chrome`: write a line of the document as text, or `{ pattern: … }` for a regular expression',
    ]);
  });

  it('should apply a changed `chrome:` list to text read from the extract cache', async () => {
    const paragraphs = [
      'Kosovo is a source, destination, and possibly a transit country for women and children who are subjected to sex trafficking, and children subjected to forced begging.',
      'In 2010, Kosovo authorities conducted 194 investigations, a significant increase from 63 investigations in 2009. Kosovo’s judiciary, however, faced challenges at all levels.',
      'Share this report with a colleague',
    ];
    await project.write('sources/documents/tip.html', `<!doctype html><html><head><title>Report</title></head><body><article><h1>2011 Trafficking in Persons Report - Kosovo</h1>${paragraphs.map((text) => `<p>${text}</p>`).join('')}</article></body></html>`);
    await project.edit('sources/sources.yaml', (text) => text.replace('file: documents/tip-2011-kosovo-refworld.txt', 'file: documents/tip.html'));
    const folder = folderCache(project.path('.cache'));
    let extractions = 0;
    const cache: ExtractCache = { get: folder.get, set: async (digest, content) => (extractions++, folder.set(digest, content)) };
    const first = (await readSources(project.path('sources'), { cache })).docs.get('tip-2011')!;
    expect(first.paragraphs.map((paragraph) => paragraph.text)).toContain('Share this report with a colleague');

    await project.edit('sources/sources.yaml', (text) => text.replace('file: documents/tip.html\n', 'file: documents/tip.html\n  chrome:\n    - Share this report with a colleague\n'));
    const second = await readSources(project.path('sources'), { cache });
    expect(second.messages).toEqual([]);
    const tip = second.docs.get('tip-2011')!;
    expect(extractions).toBe(1);
    expect(tip.chrome).toEqual([{ line: first.paragraphs.at(-1)!.line, text: 'Share this report with a colleague', rule: 'source-entry' }]);
    expect(tip.paragraphs.map((paragraph) => paragraph.n)).toEqual([1, 2, 3]);
    // The cache keeps the whole extraction: the list applies on every read.
    expect((await folder.get(tip.digest))?.paragraphs).toHaveLength(4);
  });
});

describe('readSources on a document that reads as one paragraph', () => {
  let project: TempProject;
  // A 60-word passage of the report, a sentence each line as a hard wrap would not give.
  const passage =
    'The Government of Kosovo demonstrated clear progress in law enforcement efforts in 2010, despite continuing problems with the judiciary. In 2010, Kosovo authorities conducted 194 investigations, a significant increase from 63 investigations in 2009. The government identified more trafficking victims than in prior years and offered a comprehensive range of government-funded services to those victims';

  beforeEach(async () => {
    project = await makeProject();
  });

  afterEach(async () => {
    await project.remove();
  });

  it('should warn at the `file:` line when a plain text is one paragraph of more than 300 words', async () => {
    // Hard-wrapped at 72 columns, with no blank line anywhere: no paragraph can be told apart.
    const words = Array.from({ length: 6 }, () => passage).join(' ').split(' ');
    const lines: string[] = [];
    for (let index = 0; index < words.length; index += 10) lines.push(words.slice(index, index + 10).join(' '));
    await project.write('sources/documents/koha-tip-2016-summary.txt', `${lines.join('\n')}.\n`);
    const text = await project.read('sources/sources.yaml');
    const sources = await readSources(project.path('sources'));
    const message = only(sources.messages);
    expect(message.ruleId).toBe('source-one-paragraph');
    expect(message.fatal).toBe(false);
    expect(message.line).toBe(lineOf(text, 'file: documents/koha-tip-2016-summary.txt'));
    expect(message.column).toBe(9);
    expect(message.reason).toBe(`The document "documents/koha-tip-2016-summary.txt" reads as one paragraph of ${words.length} words: every quote from it will be cited as the same ¶.`);
    expect(sources.docs.get('koha-tip-2016')?.paragraphs).toHaveLength(1);
  });

  it('should warn about an HTML page whose text is one block, beside its title', async () => {
    const text = Array.from({ length: 6 }, () => `${passage}.`).join(' ');
    await project.write('sources/documents/tip.html', `<!doctype html><html><head><title>Report</title></head><body><article><h1>2011 Trafficking in Persons Report - Kosovo</h1><p>${text}</p></article></body></html>`);
    await project.edit('sources/sources.yaml', (yaml) => yaml.replace('file: documents/tip-2011-kosovo-refworld.txt', 'file: documents/tip.html'));
    const sources = await readSources(project.path('sources'));
    expect(only(sources.messages).ruleId).toBe('source-one-paragraph');
  });

  it('should not warn about a long paragraph among others', async () => {
    const long = Array.from({ length: 6 }, () => `${passage}.`).join(' ');
    await project.write('sources/documents/koha-tip-2016-summary.txt', [long, passage, passage, passage].join('\n\n'));
    const sources = await readSources(project.path('sources'));
    expect(sources.messages).toEqual([]);
  });
});
