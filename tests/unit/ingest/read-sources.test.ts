import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VFileMessage } from 'vfile-message';
import { readSources, sha256 } from '../../../src/ingest/index.js';
import { lineOf, makeProject, repoRoot, type TempProject } from '../../helpers/project.js';

/** The one message of a list (fails the test if there are none or several). */
function only(messages: readonly VFileMessage[]): VFileMessage {
  expect(messages.map((message) => message.ruleId)).toHaveLength(1);
  return messages[0]!;
}

describe('readSources on the real sources folder', () => {
  it('should read the five documents in bibliography order without messages', async () => {
    const sources = await readSources(path.join(repoRoot, 'sources'));
    expect(sources.messages).toEqual([]);
    expect([...sources.docs.keys()]).toEqual(['wp-prostitution', 'koha-tip-2016', 'wp-trafficking', 'eu-campaign-2018', 'tip-2011']);
  });

  it('should give each document a sha256 digest of its bytes', async () => {
    const sources = await readSources(path.join(repoRoot, 'sources'));
    for (const doc of sources.docs.values()) {
      expect(doc.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(doc.digest).toBe(sha256(await readFile(doc.path)));
      expect(path.isAbsolute(doc.path)).toBe(true);
    }
    expect(new Set([...sources.docs.values()].map((doc) => doc.digest)).size).toBe(5);
    expect(sources.bibliography.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should convert bibliography entries to CSL-JSON with date-parts and no file', async () => {
    const sources = await readSources(path.join(repoRoot, 'sources'));
    const tip = sources.docs.get('tip-2011');
    expect(tip?.bib).toEqual({
      id: 'tip-2011',
      type: 'report',
      title: '2011 Trafficking in Persons Report - Kosovo',
      label: 'the 2011 TIP report (Refworld copy)',
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
    const text = await readFile(path.join(repoRoot, 'sources', 'sources.yaml'), 'utf8');
    const sources = await readSources(path.join(repoRoot, 'sources'));
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
