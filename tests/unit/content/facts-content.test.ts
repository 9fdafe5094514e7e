import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifiedFact } from '../../../src/facts/index.js';
import { lintBriefs } from '../../../src/lint/index.js';
import { numbersIn } from '../../../src/lint/figure-checks.js';
import { makeProject, type TempProject } from '../../helpers/project.js';
import { loadContent, type Content } from './load-content.js';

let content: Content;
let project: TempProject;
beforeAll(async () => {
  project = await makeProject();
  content = await loadContent(project.root);
});
afterAll(() => project.remove());

const quotesOf = (fact: VerifiedFact) => fact.citations.map((citation) => citation.quote).join(' ');
const yearsIn = (text: string) => new Set([...text.matchAll(/\b(19|20)\d\d\b/g)].map((match) => Number(match[0])));

/**
 * Years a fact may state without its quotes stating them: its sources' publication years, the
 * TIP report a source is about (a source's name: "Koha's summary of the 2016 report"), and the
 * years its TIP report covers ("a report published in June 2011 covers 2010"; "the prior year"
 * of that is 2009, where the quote says so).
 */
function allowedYears(fact: VerifiedFact, content: Content): Set<number> {
  const quotes = quotesOf(fact);
  const years = yearsIn(quotes);
  for (const citation of fact.citations) {
    const issued = content.docs.get(citation.source)?.bib.issued?.['date-parts'][0]?.[0];
    if (issued) years.add(issued);
    for (const other of content.facts.values()) {
      if (other.tip && other.citations.some((c) => c.source === citation.source)) years.add(other.tip.report);
    }
  }
  if (fact.tip) {
    years.add(fact.tip.report);
    years.add(fact.tip.report - 1);
    if (/\b(prior|previous) year\b/i.test(quotes)) years.add(fact.tip.report - 2);
  }
  return years;
}

describe('the facts file', () => {
  it('should load with every quote verified and every brief rendering', () => {
    expect(content.problems).toEqual([]);
    expect(content.facts.size).toBeGreaterThan(80);
  });

  it('should give every figure a period and a value its quotes state (no lint warning)', () => {
    expect(lintBriefs({ facts: content.facts, factsPath: content.factsPath, briefs: [] }).map(String)).toEqual([]);
  });

  it('should state every tier placement, covered year and speaker date in the fact’s own quotes', () => {
    for (const fact of content.facts.values()) {
      const quotes = quotesOf(fact);
      if (fact.tip?.tier) expect(quotes, fact.id).toContain(fact.tip.tier);
      if (fact.tip?.covers) expect(yearsIn(quotes).has(fact.tip.covers), fact.id).toBe(true);
      if (fact.speaker?.date) expect(yearsIn(quotes).has(Number(fact.speaker.date.slice(0, 4))), fact.id).toBe(true);
    }
  });

  it('should take every date and year from the quotes, the source’s publication date or the TIP report it comes from', () => {
    for (const fact of content.facts.values()) {
      const allowed = allowedYears(fact, content);
      if (fact.date) expect(allowed.has(Number(fact.date.slice(0, 4))), `${fact.id} date ${fact.date}`).toBe(true);
      if (fact.year !== undefined) expect(allowed.has(fact.year), `${fact.id} year ${fact.year}`).toBe(true);
    }
  });

  it('should state in each statement only numbers and years its quotes, sources or report give', () => {
    for (const fact of content.facts.values()) {
      const allowed = new Set([...numbersIn(quotesOf(fact)), ...allowedYears(fact, content)]);
      for (const number of numbersIn(fact.statement)) {
        expect(allowed.has(number), `${fact.id} states ${number}`).toBe(true);
      }
    }
  });

  it('should make every statement stand on its own, naming its source (facts are reordered and reused)', () => {
    for (const fact of content.facts.values()) {
      expect(fact.statement, fact.id).not.toMatch(/^(It|They|This|These|The same|The article|The page|The report|The summary)\b/);
    }
  });

  it('should derive the report years from the facts: 2011, 2016, 2022 and 2023', () => {
    const years = new Set([...content.facts.values()].flatMap((fact) => (fact.tip ? [fact.tip.report] : [])));
    expect([...years].sort()).toEqual([2011, 2016, 2022, 2023]);
  });

  it('should put every figure in its own fact, with the report it comes from when it comes from one', () => {
    for (const fact of content.facts.values()) {
      if (!fact.figure) continue;
      const fromTipReport = fact.citations.some((citation) => ['tip-2011', 'koha-tip-2016'].includes(citation.source));
      if (fromTipReport) expect(fact.tip?.report, fact.id).toBeDefined();
    }
  });
});

describe('the briefs', () => {
  it('should use every fact in the briefs it names, and carry a note in every paragraph (no lint warning)', () => {
    const messages = lintBriefs({ facts: content.facts, factsPath: content.factsPath, briefs: [...content.briefs.values()] });
    expect(messages.map(String)).toEqual([]);
  });

  it.each([
    ['legal-framework', 'Key points'],
    ['tip-assessment', 'Key findings'],
    ['unmik-era', 'Key points'],
  ])('should open %s with an "as of" line, a summary and 3 to 5 %s, each with a note', (id, heading) => {
    const markdown = String(content.briefs.get(id)!.file.value);
    expect(markdown).toMatch(/\*\*As of:\*\* the newest source this brief draws on is .+\[\^[a-z0-9-]+\]/);
    // As of, then the summary, then the key points.
    expect(markdown.indexOf('**As of:**')).toBeLessThan(markdown.indexOf('\n## Summary\n'));
    expect(markdown.indexOf('\n## Summary\n')).toBeLessThan(markdown.indexOf(`\n## ${heading}\n`));
    const start = markdown.indexOf(`\n## ${heading}\n`);
    expect(start).toBeGreaterThan(0);
    const section = markdown.slice(start, markdown.indexOf('\n## ', start + 1));
    const points = section.split('\n').filter((line) => line.startsWith('- '));
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.length).toBeLessThanOrEqual(5);
    for (const point of points) expect(point).toMatch(/\[\^[a-z0-9-]+(?:\+[a-z0-9-]+)*\]/);
  });

  it('should say that the wiki articles carry no revision date', () => {
    const markdown = String(content.briefs.get('unmik-era')!.file.value);
    expect(markdown).toMatch(/Wikipedia, “Human trafficking in Kosovo”, which has no publication or revision date/);
  });
});
