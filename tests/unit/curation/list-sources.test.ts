import { describe, expect, it } from 'vitest';
import { citingFacts, listSources, locatorText } from '../../../src/curation/index.js';
import { factMap, makeDoc, makeFact } from './make-data.js';

describe('listSources', () => {
  const report = makeDoc('report', 6);
  const pdf = makeDoc('scan', 6, { pageOf: (n) => Math.ceil(n / 2), pages: 4, labels: ['i', 'ii', '1', '2'] });
  const facts = factMap([
    makeFact('a', ['t'], [[report, 4], [report, 2], [report, 4]]),
    makeFact('b', ['t'], [[pdf, 5]]),
    makeFact('c', ['t'], [[report, 1], [pdf, 1], [pdf, 2]]),
  ]);
  const docs = new Map([[report.id, report], [pdf.id, pdf]]);

  it('should list every document in order with its format, size and digest', () => {
    const list = listSources({ sources: { docs }, facts });
    expect(list.map(({ facts: _facts, ...rest }) => rest)).toEqual([
      { id: 'report', title: 'The report document', path: report.path, format: 'text', digest: report.digest, paragraphs: 6 },
      { id: 'scan', title: 'The scan document', path: pdf.path, format: 'pdf', digest: pdf.digest, paragraphs: 6, pages: 4 },
    ]);
  });

  it('should list the facts citing a text document by ¶, in document order, each passage once', () => {
    const [text] = listSources({ sources: { docs }, facts });
    expect(text!.facts).toEqual([
      { id: 'a', locators: ['¶ 2', '¶ 4'], paragraphs: [2, 4] },
      { id: 'c', locators: ['¶ 1'], paragraphs: [1] },
    ]);
  });

  it('should list the facts citing a PDF by page label', () => {
    expect(citingFacts(pdf, facts.values())).toEqual([
      { id: 'b', locators: ['p. 1'], paragraphs: [5] },
      { id: 'c', locators: ['p. i'], paragraphs: [1] },
    ]);
  });

  it('should list a document no fact cites with no facts', () => {
    const unused = makeDoc('unused', 2);
    expect(listSources({ sources: { docs: new Map([[unused.id, unused]]) }, facts })[0]!.facts).toEqual([]);
  });
});

describe('locatorText', () => {
  it('should write a page as p. and a paragraph as ¶', () => {
    expect(locatorText({ label: 'page', value: 'iv' })).toBe('p. iv');
    expect(locatorText({ label: 'paragraph', value: '12' })).toBe('¶ 12');
  });
});
