import { describe, expect, it } from 'vitest';
import { createNoteMarks, emptyLedger } from '../../../src/compose/notes.js';
import { dropRepeatedFrames, sourceFrame } from '../../../src/compose/source-frame.js';
import { prose } from '../../../src/compose/statement.js';
import type { VerifiedFact } from '../../../src/facts/index.js';
import { verifiedFact } from '../../helpers/verified-fact.js';

/** A fact citing `source`, stating `statement`. */
const said = (id: string, statement: string, source = 'tip-2011', extra: Partial<VerifiedFact> = {}) => verifiedFact(id, { statement, ...extra }, { source });

describe('sourceFrame', () => {
  it('should find a frame that names a source document, and not one that names a person or body', () => {
    expect(sourceFrame('According to the 2011 TIP report, Kosovo was a source country.')).toEqual({ source: 'the 2011 TIP report', verb: undefined, rest: 'Kosovo was a source country.' });
    expect(sourceFrame('The 2011 TIP report found that the government made efforts.')).toEqual({ source: 'The 2011 TIP report', verb: 'found', rest: 'the government made efforts.' });
    expect(sourceFrame("Koha's summary of the 2016 TIP report stated that convictions fell.")).toEqual({ source: "Koha's summary of the 2016 TIP report", verb: 'stated', rest: 'convictions fell.' });
    expect(sourceFrame('The police reported that raids continued.')).toBeUndefined();
    expect(sourceFrame('According to one NGO, children were not identified.')).toBeUndefined();
    expect(sourceFrame('Kosovo was a source country.')).toBeUndefined();
  });
});

describe('dropRepeatedFrames', () => {
  it('should name the source in full once in a run of statements citing it, then briefly, with varied verbs that keep its stance', () => {
    const facts = [
      said('a', 'According to the 2011 TIP report, Kosovo was a source country.'),
      said('b', 'According to the 2011 TIP report, the police made raids.'),
      said('c', 'The 2011 TIP report stated that the shelters were full.'),
      said('d', 'The 2011 TIP report found that victims were identified.'),
      said('e', 'The 2011 TIP report found that training continued.'),
    ];
    expect(dropRepeatedFrames(facts, facts.map((fact) => fact.statement))).toEqual([
      'According to the 2011 TIP report, Kosovo was a source country.',
      'The report also stated that the police made raids.',
      'According to the report, the shelters were full.',
      'The report found that victims were identified.',
      'The report found that training continued.',
    ]);
    // An undated article "states"; its repeats stay in the present.
    const article = [
      said('a', 'Wikipedia\'s article “Prostitution in Kosovo” states that Article 171 prohibits trafficking.', 'wp'),
      said('b', 'Wikipedia\'s article “Prostitution in Kosovo” states that Article 231 prohibits taking sexual services.', 'wp'),
      said('c', 'Wikipedia\'s article “Prostitution in Kosovo” states that prostitution is illegal.', 'wp'),
    ];
    expect(dropRepeatedFrames(article, article.map((fact) => fact.statement))).toEqual([
      'Wikipedia\'s article “Prostitution in Kosovo” states that Article 171 prohibits trafficking.',
      'The article also states that Article 231 prohibits taking sexual services.',
      'According to the article, prostitution is illegal.',
    ]);
  });

  it('should name the source again after a statement citing another, and keep frames after an unframed first statement', () => {
    const facts = [
      said('a', 'According to the 2011 TIP report, Kosovo was a source country.'),
      said('b', "According to Koha's summary of the 2016 TIP report, convictions fell.", 'koha'),
      said('c', 'According to the 2011 TIP report, the police made raids.'),
      said('d', 'According to the 2011 TIP report, shelters were full.'),
    ];
    expect(dropRepeatedFrames(facts, facts.map((fact) => fact.statement))).toEqual([
      'According to the 2011 TIP report, Kosovo was a source country.',
      "According to Koha's summary of the 2016 TIP report, convictions fell.",
      'According to the 2011 TIP report, the police made raids.',
      'The report also stated that shelters were full.',
    ]);
    const unframed = [said('a', 'Kosovo was a source country.'), said('b', 'According to the 2011 TIP report, the police made raids.')];
    expect(dropRepeatedFrames(unframed, unframed.map((fact) => fact.statement))).toEqual(['Kosovo was a source country.', 'According to the 2011 TIP report, the police made raids.']);
  });

  it('should keep the attribution to a person or body the source reports', () => {
    const facts = [said('a', 'According to the 2011 TIP report, Kosovo was a source country.'), said('b', 'The police reported that raids continued.')];
    expect(dropRepeatedFrames(facts, facts.map((fact) => fact.statement))[1]).toBe('The police reported that raids continued.');
  });
});

describe('prose', () => {
  it('should drop repeated source frames in a paragraph, with one note at its end when it draws on one source', () => {
    const ledger = emptyLedger();
    const text = prose(
      [said('a', 'According to the 2011 TIP report, Kosovo was a source country.'), said('b', 'According to the 2011 TIP report, the police made raids.')],
      createNoteMarks(ledger),
    );
    expect(text).toBe('According to the 2011 TIP report, Kosovo was a source country. The report also stated that the police made raids.[^a+b]');
    expect(ledger.placed).toEqual(new Set(['a', 'b']));
    expect(ledger.stated).toEqual(new Set(['a', 'b']));
  });

  it('should give each statement its note when the paragraph draws on several sources', () => {
    const text = prose(
      [
        said('a', 'According to the 2011 TIP report, Kosovo was a source country.'),
        said('b', 'According to the 2011 TIP report, the police made raids.'),
        said('c', "According to Koha's summary of the 2016 TIP report, convictions fell.", 'koha'),
      ],
      createNoteMarks(emptyLedger()),
    );
    expect(text).toBe("According to the 2011 TIP report, Kosovo was a source country.[^a] The report also stated that the police made raids.[^b] According to Koha's summary of the 2016 TIP report, convictions fell.[^c]");
  });
});
