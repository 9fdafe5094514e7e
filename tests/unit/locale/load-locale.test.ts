import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { englishLocale, loadLocale, localesDir } from '../../../src/locale/index.js';

const english = loadLocale('en');
const albanian = loadLocale('sq');
const serbian = loadLocale('sr-Latn');

const localeFile = (name: string) => parse(readFileSync(path.join(localesDir, `${name}.yaml`), 'utf8')) as { intl: string; csl: string; messages: Record<string, string> };

describe('loadLocale: English', () => {
  it('should write dates as the briefs always have: day, month name, year', () => {
    expect(english.intl).toBe('en-GB');
    expect(english.date('2011-06-27')).toBe('27 June 2011');
    expect(english.date('2018-10-08')).toBe('8 October 2018');
    expect(english.date('2010-09')).toBe('September 2010');
    expect(english.date('2016')).toBe('2016');
  });

  it('should join lists without the Oxford comma, and with "or" when asked', () => {
    expect(english.list(['2022'])).toBe('2022');
    expect(english.list(['2022', '2023'])).toBe('2022 and 2023');
    expect(english.list(['2022', '2023', '2024'])).toBe('2022, 2023 and 2024');
    expect(english.list(['a', 'b'], 'disjunction')).toBe('a or b');
  });

  it('should format numbers and plurals', () => {
    expect(english.number(216234)).toBe('216,234');
    expect(english.t('briefExtent', { notes: 1, sources: 3 })).toBe('1 note citing 3 source documents');
    expect(english.t('briefExtent', { notes: 46, sources: 1 })).toBe('46 notes citing 1 source document');
    expect(english.t('downloadPdfPages', { pages: 1 })).toBe('Download PDF (1 page)');
    expect(english.t('asOfOthers', { count: 1, dated: 'all', datedCount: 1 })).toBe('It draws on one other source, dated.');
    expect(english.t('asOfOthers', { count: 4, dated: 'some', datedCount: 1 })).toBe('It draws on 4 other sources, 1 of them dated.');
    expect(english.t('asOfOthers', { count: 2, dated: 'none', datedCount: 0 })).toBe('It draws on 2 other sources, none of them dated.');
    expect(english.t('noteBack', { rereference: 1 })).toBe('back');
    expect(english.t('noteBack', { rereference: 2 })).toBe('back (2)');
  });

  it('should give values in a message and the page counter words', () => {
    expect(english.t('pageOf', { page: 1, pages: 3 })).toBe('Page 1 of 3');
    expect(english.t('editionOf', { date: english.date('2026-11-23') })).toBe('Edition of 23 November 2026');
  });

  it('should give the key itself for a message no locale has', () => {
    expect(english.t('noSuchMessage')).toBe('noSuchMessage');
  });

  it('should load English once as the default of functions given no locale', () => {
    expect(englishLocale()).toBe(englishLocale());
    expect(englishLocale().t('sources')).toBe('Sources');
  });
});

describe('loadLocale: Albanian and Serbian', () => {
  it('should write Albanian: "Faqja 1 nga 3", dates with Albanian month names, "dhe" in lists', () => {
    expect(albanian.file).toBe('sq');
    expect(albanian.t('pageOf', { page: 1, pages: 3 })).toBe('Faqja 1 nga 3');
    expect(albanian.date('2011-06-27')).toBe('27 qershor 2011');
    expect(albanian.t('editionOf', { date: albanian.date('2026-11-23') })).toBe('Botimi i 23 nëntor 2026');
    expect(albanian.list(['2022', '2023', '2024'])).toBe('2022, 2023 dhe 2024');
    expect(albanian.t('sources')).toBe('Burimet');
    expect(albanian.t('keyPoints')).toBe('Pikat kryesore');
    // Grouped with a (narrow) no-break space.
    expect(albanian.number(216234)).toMatch(/^216\s234$/);
  });

  it('should write Serbian in the Latin script, with its three plural forms', () => {
    expect(serbian.t('pageOf', { page: 2, pages: 9 })).toBe('Strana 2 od 9');
    expect(serbian.t('sources')).toBe('Izvori');
    expect(serbian.t('keyPoints')).toBe('Ključne tačke');
    expect(serbian.t('editionOf', { date: serbian.date('2011-06-27') })).toBe('Izdanje od 27. jun 2011.');
    expect(serbian.list(['a', 'b', 'c'])).toBe('a, b i c');
    expect(serbian.t('downloadPdfPages', { pages: 1 })).toBe('Preuzmi PDF (1 strana)');
    expect(serbian.t('downloadPdfPages', { pages: 3 })).toBe('Preuzmi PDF (3 strane)');
    expect(serbian.t('downloadPdfPages', { pages: 12 })).toBe('Preuzmi PDF (12 strana)');
  });

  it('should take the nearest locale shipped: sr-Latn for sr-Latn-RS, English for a language without one', () => {
    const regional = loadLocale('sr-Latn-RS');
    expect(regional.lang).toBe('sr-Latn-RS');
    expect(regional.file).toBe('sr-Latn');
    expect(regional.intl).toBe('sr-Latn');
    expect(regional.t('sources')).toBe('Izvori');
    const german = loadLocale('de');
    expect(german.file).toBe('en');
    expect(german.t('sources')).toBe('Sources');
  });

  it('should give the notes the CSL locale of the language (shipped in defaults/templates/csl/)', () => {
    expect(albanian.csl).toBe('sq-AL');
    expect(serbian.csl).toBe('sr-Latn-RS');
    expect(loadLocale('de').csl).toBe('en-US');
  });

  it('should write a message the language lacks in English', async () => {
    // A collection's own templates/locales/sq.yaml, with only some messages: the rest are English.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'briefs-locale-'));
    try {
      await writeFile(path.join(dir, 'sq.yaml'), 'intl: sq\ncsl: en-US\nmessages:\n  sources: Burimet e koleksionit\n');
      const partial = loadLocale('sq', [dir]);
      expect(partial.t('sources')).toBe('Burimet e koleksionit');
      expect(partial.t('evidence')).toBe('Evidence');
      expect(partial.t('pageOf', { page: 1, pages: 3 })).toBe('Page 1 of 3');
      // Formatting still follows the language.
      expect(partial.date('2011-06-27')).toBe('27 qershor 2011');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the shipped locale files', () => {
  const messages = localeFile('en').messages;
  for (const name of ['sq', 'sr-Latn']) {
    it(`should translate every English message in ${name}.yaml, each a valid ICU message`, () => {
      const file = localeFile(name);
      expect(Object.keys(messages).filter((key) => !(key in file.messages))).toEqual([]);
      expect(Object.keys(file.messages).filter((key) => !(key in messages))).toEqual([]);
      for (const [key, source] of Object.entries(file.messages)) {
        expect(() => new IntlMessageFormat(source, file.intl), key).not.toThrow();
      }
    });
  }

  it('should have valid ICU messages in en.yaml', () => {
    for (const [key, source] of Object.entries(messages)) expect(() => new IntlMessageFormat(source, 'en-GB'), key).not.toThrow();
  });
});
