import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { archivedRepublisherPage, copiedText, printedPdf, publisherPage, type Narrative, type NarrativeBlock } from './narrative-shapes.js';
import { makeProject, repoRoot, type TempProject } from './project.js';

// Fifteen years of US Trafficking in Persons (TIP) reports on Kosovo, as a curator who has kept
// up with every June has them: the shipped Kosovo collection (with its real 2011 Refworld copy,
// Koha's summary of 2016, Wikipedia on 2022 and 2023) plus synthetic narratives for every other
// report year from 2010 to 2024 except 2017, in the shapes real ones come in, and the curator's
// facts on them. The narratives are invented (tests/fixtures/tip-fifteen-years/README.md): never
// cite them, never copy them into sources/.

/** The figures a narrative states for the year it covers. */
export type FifteenYearsMetric = 'investigations' | 'prosecutions' | 'convictions' | 'victims';

/** How a year's narrative is saved in documents/. */
export type FifteenYearsFormat = 'refworld' | 'page' | 'text' | 'pdf';

interface CuratedFact {
  readonly key: string;
  readonly tags: readonly string[];
  /** The fact describes the year the report covers (else the report's own year). */
  readonly covered?: boolean;
  readonly statement: string;
  readonly quotes: readonly string[];
  readonly note?: string;
  readonly figure?: Readonly<Record<string, string | number>>;
}

/** One report year of tests/fixtures/tip-fifteen-years/years.yaml. */
export interface FifteenYearsSpec {
  readonly report: number;
  /** The report the shipped collection holds for real (2011): listed for its figures only. */
  readonly real?: boolean;
  readonly format: FifteenYearsFormat;
  readonly issued: string;
  readonly tier: 'Tier 2' | 'Tier 2 Watch List';
  readonly change?: 'remained' | 'upgraded' | 'downgraded';
  readonly covid?: boolean;
  readonly standards?: string;
  readonly figures: Readonly<Record<FifteenYearsMetric, number | null>>;
  readonly previous?: Readonly<Partial<Record<FifteenYearsMetric, number>>>;
  readonly suspects?: number;
  readonly children?: number;
  readonly cite: readonly FifteenYearsMetric[];
  readonly profile: string;
  readonly overall: string;
  readonly recommendations: readonly string[];
  readonly prosecution: string;
  readonly complicity: string;
  readonly protection: readonly string[];
  readonly prevention: readonly string[];
  readonly facts: readonly CuratedFact[];
}

/** One fact as the helper appends it to facts.yaml. */
export interface FifteenYearsFact {
  readonly id: string;
  readonly tags: readonly string[];
  readonly year: number;
  readonly date?: string;
  readonly figure?: Readonly<Record<string, string | number>>;
  readonly tip: { readonly report: number; readonly covers?: number; readonly tier?: string };
  readonly statement: string;
  readonly shortQuote?: string;
  readonly source: string;
  readonly quotes: readonly string[];
  readonly note?: string;
}

export const fixtureDir = path.join(repoRoot, 'tests', 'fixtures', 'tip-fifteen-years');

const allYears = parse(readFileSync(path.join(fixtureDir, 'years.yaml'), 'utf8')) as FifteenYearsSpec[];

/** The synthetic report years, oldest first (2011 is the shipped collection's real copy). */
export const syntheticYears: readonly FifteenYearsSpec[] = allYears.filter((spec) => !spec.real);

/** Every report year the collection then holds: 2010–2024 except 2017. */
export const reportYears: readonly number[] = [...new Set([...allYears.map((spec) => spec.report)])].sort((a, b) => a - b);

/** The report year between the oldest and the newest that the collection has no source for. */
export const missingReportYear = 2017;

/** The newest report year in the collection. */
export const newestReportYear = Math.max(...reportYears);

const numberWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** A count as a TIP report writes it: words below ten. */
const count = (value: number) => (value < 10 ? numberWords[value]! : String(value));
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const folded = (text: string) => text.replace(/\s+/g, ' ').trim();

const isOld = (spec: FifteenYearsSpec) => spec.report <= 2016;
const covered = (spec: FifteenYearsSpec) => spec.report - 1;

/** The source id facts cite. */
export const sourceId = (spec: FifteenYearsSpec) => `tip-${spec.report}`;

/** The document's file, relative to sources/. */
export function documentFile(spec: FifteenYearsSpec): string {
  const name = { refworld: `tip-${spec.report}-kosovo-refworld-archive.html`, page: `tip-${spec.report}-kosovo.html`, text: `tip-${spec.report}-kosovo.txt`, pdf: `tip-${spec.report}-kosovo.pdf` };
  return `documents/${name[spec.format]}`;
}

/** The format `briefs sources` should read the document as. */
export const readFormat = (spec: FifteenYearsSpec) => ({ refworld: 'html', page: 'html', text: 'text', pdf: 'pdf' })[spec.format];

const title = (spec: FifteenYearsSpec) =>
  spec.format === 'refworld' ? `${spec.report} Trafficking in Persons Report - Kosovo` : `${spec.report} Trafficking in Persons Report: Kosovo`;

const disclaimer = (spec: FifteenYearsSpec) =>
  `TEST FIXTURE: synthetic text written for the kosovo-trafficking-briefs test suite in the form of the ${spec.report} Trafficking in Persons country narrative on Kosovo. Its figures and findings are invented; do not cite it.`;

function standards(spec: FifteenYearsSpec): string {
  if (spec.standards) return folded(spec.standards);
  if (spec.report <= 2013) return 'The Government of Kosovo does not fully comply with the minimum standards for the elimination of trafficking; however, it is making significant efforts to do so.';
  if (isOld(spec)) return 'The Government of Kosovo does not fully meet the minimum standards for the elimination of trafficking; however, it is making significant efforts to do so.';
  return 'The Government of Kosovo does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.';
}

/** The sentence that gives the tier (old reports give Tier 2 in the heading only). */
function tierSentence(spec: FifteenYearsSpec): string | undefined {
  const pandemic = spec.covid ? ', considering the impact of the COVID-19 pandemic on its anti-trafficking capacity' : '';
  if (isOld(spec)) {
    return spec.tier === 'Tier 2'
      ? undefined
      : 'The government has not shown evidence of increasing efforts to address human trafficking compared to the previous year; therefore, Kosovo is placed on Tier 2 Watch List.';
  }
  if (spec.change === 'downgraded') {
    return 'The government made efforts but did not demonstrate overall increasing efforts compared with the previous reporting period; therefore Kosovo was downgraded to Tier 2 Watch List.';
  }
  const outcome = spec.change === 'upgraded' ? 'was upgraded to' : 'remained on';
  return `The government demonstrated overall increasing efforts compared with the previous reporting period${pandemic}; therefore Kosovo ${outcome} ${spec.tier}.`;
}

function lawSentence(spec: FifteenYearsSpec): string {
  if (spec.report <= 2013) {
    return 'Kosovo prohibits all forms of trafficking in persons through its criminal code, which prescribes penalties of two to 12 years’ imprisonment; these penalties are sufficiently stringent.';
  }
  if (isOld(spec)) {
    return 'The Law on Preventing and Combating Trafficking in Human Beings and Protecting Victims, which entered into force in 2013, and the criminal code prohibit all forms of trafficking and prescribe penalties of two to 12 years’ imprisonment.';
  }
  if (spec.report === 2018) {
    return 'The criminal code criminalized sex trafficking and labor trafficking and prescribed penalties of two to 12 years’ imprisonment, which were sufficiently stringent.';
  }
  return 'The criminal code adopted in 2018 criminalized sex trafficking and labor trafficking and prescribed penalties of five to 12 years’ imprisonment, which were sufficiently stringent.';
}

/** The figure of the year before, as this report compares with it: the previous report's own, where the collection has it. */
function previousValue(spec: FifteenYearsSpec, metric: FifteenYearsMetric): number | undefined {
  const before = allYears.find((other) => other.report === spec.report - 1);
  return before ? (before.figures[metric] ?? undefined) : spec.previous?.[metric];
}

/** The sentence that states a figure, in the wording of the report's era. */
function figureSentence(spec: FifteenYearsSpec, metric: FifteenYearsMetric): string {
  const year = covered(spec);
  const value = spec.figures[metric];
  const previous = previousValue(spec, metric);
  const what = { investigations: 'investigations', prosecutions: 'prosecutions', convictions: 'convictions', victims: 'victims identified' }[metric];
  if (value === null) return `The government did not report the number of ${what} in ${year}.`;
  const compared = (unit = '') => (previous === undefined ? '' : `, compared with ${count(previous)}${unit} in ${year - 1}`);
  const children = spec.children === undefined ? '' : isOld(spec) ? `; ${spec.children} of them were children` : `; ${spec.children} of the victims were children`;
  const old = isOld(spec);
  switch (metric) {
    case 'investigations':
      return old
        ? `In ${year}, the police conducted ${count(value)} investigations of suspected trafficking offences${compared(' investigations')}.`
        : `In ${year}, the police conducted ${count(value)} investigations involving ${spec.suspects} suspects${compared(' investigations')}.`;
    case 'prosecutions':
      return old
        ? `In ${year}, prosecutors initiated prosecutions of ${count(value)} trafficking offenders${compared()}.`
        : `In ${year}, prosecutors initiated prosecutions against ${count(value)} offenders${compared()}.`;
    case 'convictions':
      return old ? `In ${year}, courts issued ${count(value)} convictions of trafficking offenders${compared()}.` : `In ${year}, courts issued ${count(value)} convictions${compared()}.`;
    case 'victims':
      return old
        ? `In ${year}, the government identified ${count(value)} victims of trafficking${compared()}${children}.`
        : `In ${year}, the government identified ${count(value)} victims${compared()}${children}.`;
  }
}

function recommendationsParagraph(spec: FifteenYearsSpec): string {
  const items = spec.recommendations.map(folded);
  return `Recommendations for Kosovo: ${capitalise(items.slice(0, -1).join('; '))}; and ${items.at(-1)}.`;
}

/** The year's narrative, from the one template: heading with the tier, assessment, recommendations, prosecution, protection, prevention, profile. */
export function narrativeOf(spec: FifteenYearsSpec): Narrative {
  const assessment = [standards(spec), tierSentence(spec), folded(spec.overall)].filter(Boolean).join(' ');
  const [protectionLead, ...protectionRest] = spec.protection.map(folded);
  const protection = [[protectionLead, figureSentence(spec, 'victims')].join(' '), ...protectionRest];
  const prosecutionFigures = (['investigations', 'prosecutions', 'convictions'] as const).map((metric) => figureSentence(spec, metric));
  const blocks: NarrativeBlock[] = isOld(spec)
    ? [
        { heading: `Kosovo (${spec.tier})` },
        disclaimer(spec),
        folded(spec.profile),
        assessment,
        recommendationsParagraph(spec),
        { heading: 'Prosecution' },
        [folded(spec.prosecution), lawSentence(spec), ...prosecutionFigures].join(' '),
        folded(spec.complicity),
        { heading: 'Protection' },
        ...protection,
        { heading: 'Prevention' },
        ...spec.prevention.map(folded),
      ]
    : [
        { heading: `KOSOVO: ${spec.tier.toUpperCase()}` },
        disclaimer(spec),
        assessment,
        { heading: 'PRIORITIZED RECOMMENDATIONS:' },
        ...spec.recommendations.map(folded),
        { heading: 'PROSECUTION' },
        [folded(spec.prosecution), lawSentence(spec)].join(' '),
        prosecutionFigures.join(' '),
        folded(spec.complicity),
        { heading: 'PROTECTION' },
        ...protection,
        { heading: 'PREVENTION' },
        ...spec.prevention.map(folded),
        { heading: 'TRAFFICKING PROFILE' },
        folded(spec.profile),
      ];
  return { title: title(spec), blocks };
}

const blockText = (block: NarrativeBlock) => (typeof block === 'string' ? block : block.heading);

/** The curator's facts on one year: its tier, the figures it cites, and the rest from years.yaml. */
export function factsOf(spec: FifteenYearsSpec): FifteenYearsFact[] {
  const report = spec.report;
  const year = covered(spec);
  const source = sourceId(spec);
  const facts: FifteenYearsFact[] = [];

  const pandemic = spec.covid ? ', considering the impact of the COVID-19 pandemic' : '';
  const sentence = tierSentence(spec);
  const tierFact = { id: `tip-${report}-${spec.tier.toLowerCase().replace(/ /g, '-')}`, tags: ['tier', 'finding'], year: report, date: spec.issued, tip: { report, tier: spec.tier }, source };
  if (!sentence) {
    facts.push({
      ...tierFact,
      statement: `The ${report} TIP report placed Kosovo in ${spec.tier}.`,
      shortQuote: "The report gives its tier placement only in the chapter's heading.",
      quotes: [`Kosovo (${spec.tier})`],
    });
  } else {
    const statement = isOld(spec)
      ? `The ${report} TIP report placed Kosovo on the ${spec.tier}: the government had not shown evidence of increasing efforts compared with the previous year.`
      : spec.change === 'downgraded'
        ? `The ${report} TIP report downgraded Kosovo to the ${spec.tier}: the government had made efforts but had not demonstrated overall increasing efforts compared with the previous reporting period.`
        : `The ${report} TIP report ${spec.change === 'upgraded' ? 'upgraded Kosovo to' : 'kept Kosovo on'} ${spec.tier}: the government had demonstrated overall increasing efforts compared with the previous reporting period${pandemic}.`;
    facts.push({ ...tierFact, statement, quotes: [sentence] });
  }

  for (const metric of spec.cite) {
    const value = spec.figures[metric];
    if (value === null) throw new Error(`${report}: cites ${metric}, which the report gives no number for`);
    const figure = {
      investigations: { metric: 'investigations', unit: 'investigations' },
      prosecutions: { metric: 'prosecutions', unit: 'offenders' },
      convictions: { metric: 'convictions', unit: 'convictions' },
      victims: { metric: 'victims-identified', unit: 'persons' },
    }[metric];
    const n = count(value);
    const statement = {
      investigations: isOld(spec)
        ? `According to the ${report} TIP report, the police conducted ${n} investigations of suspected trafficking offences in ${year}.`
        : `According to the ${report} TIP report, the police conducted ${n} investigations in ${year}, involving ${spec.suspects} suspects.`,
      prosecutions: `According to the ${report} TIP report, prosecutors initiated prosecutions of ${n} ${isOld(spec) ? 'trafficking offenders' : 'offenders'} in ${year}.`,
      convictions: `According to the ${report} TIP report, courts issued ${n} convictions${isOld(spec) ? ' of trafficking offenders' : ''} in ${year}.`,
      victims: `According to the ${report} TIP report, the government identified ${n} victims of trafficking in ${year}${spec.children === undefined ? '' : `, ${spec.children} of them children`}.`,
    }[metric];
    facts.push({
      id: `tip-${report}-${figure.metric}`,
      tags: [metric === 'victims' ? 'protection' : 'prosecution'],
      year,
      figure: { metric: figure.metric, value, unit: figure.unit, period: year },
      tip: { report, covers: year },
      statement,
      source,
      quotes: [figureSentence(spec, metric)],
    });
  }

  for (const fact of spec.facts) {
    const quotes = fact.quotes.map(folded);
    const showsYear = quotes.some((quote) => new RegExp(`\\b${year}\\b`).test(quote));
    facts.push({
      id: `tip-${report}-${fact.key}`,
      tags: fact.tags,
      year: fact.covered ? year : report,
      ...(fact.figure ? { figure: fact.figure } : {}),
      tip: fact.covered && showsYear ? { report, covers: year } : { report },
      statement: folded(fact.statement),
      source,
      quotes,
      ...(fact.note ? { note: folded(fact.note) } : {}),
    });
  }
  return facts;
}

/**
 * Fail early, with the passage, where a fact's quote is not in exactly one block of the
 * narrative (the build would stop on it, or need a locator).
 */
function checkQuotes(spec: FifteenYearsSpec, narrative: Narrative, facts: readonly FifteenYearsFact[]): void {
  const fold = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ');
  const texts = narrative.blocks.map((block) => fold(blockText(block)));
  for (const fact of facts) {
    for (const quote of fact.quotes) {
      const q = fold(quote);
      const found = texts.filter((text) => text.includes(q)).length;
      const twice = texts.some((text) => text.indexOf(q) !== text.lastIndexOf(q));
      if (found !== 1 || twice) throw new Error(`${spec.report}: the quote of ${fact.id} is in ${found} blocks of the narrative: ${quote}`);
    }
  }
}

/** A string as a YAML double-quoted scalar (JSON's escapes are YAML's). */
const yamlString = (text: string) => JSON.stringify(text);

/** Statement text as a folded block scalar, wrapped at about 90 columns. */
function foldedBlock(text: string, indent = '    '): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && (indent + line + ' ' + word).length > 92) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((each) => indent + each).join('\n');
}

const flow = (record: Readonly<Record<string, string | number | undefined>>) =>
  `{ ${Object.entries(record)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ')} }`;

/** One fact as facts.yaml writes it (the style of the shipped tip-2011-* facts). */
export function factYaml(fact: FifteenYearsFact): string {
  return [
    `- id: ${fact.id}`,
    '  topics: [tip-assessment]',
    `  tags: [${fact.tags.join(', ')}]`,
    `  year: ${fact.year}`,
    ...(fact.date ? [`  date: "${fact.date}"`] : []),
    ...(fact.figure ? [`  figure: ${flow(fact.figure)}`] : []),
    `  tip: ${flow(fact.tip)}`,
    '  statement: >-',
    foldedBlock(fact.statement),
    ...(fact.shortQuote ? [`  short-quote: ${fact.shortQuote}`] : []),
    '  citations:',
    ...fact.quotes.flatMap((quote) => [`    - source: ${fact.source}`, `      quote: ${yamlString(quote)}`]),
    ...(fact.note ? ['  note: >-', foldedBlock(fact.note)] : []),
    '',
  ].join('\n');
}

const accessed = '2024-11-18';
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const longDate = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${monthNames[month! - 1]} ${year}`;
};
/** An invented Refworld document id for the year (the archive copy's address). */
const docid = (spec: FifteenYearsSpec) => `${(0x4c1a2e3b + spec.report * 7919).toString(16).slice(0, 9)}`;
const archiveAddress = (spec: FifteenYearsSpec) => `${spec.report + 1}0115093000/http://www.refworld.org/docid/${docid(spec)}.html`;

/** The year's sources.yaml entry. URLs are on the reserved .invalid domain: the documents are not real. */
export function sourceYaml(spec: FifteenYearsSpec): string {
  const refworld = spec.format === 'refworld';
  const url = refworld
    ? `https://web.archive.invalid/web/${archiveAddress(spec)}`
    : `https://www.state.invalid/reports/${spec.report}-trafficking-in-persons-report/kosovo/`;
  return [
    '',
    `# SYNTHETIC (tests/fixtures/tip-fifteen-years): an invented ${spec.report} narrative. Never cite it.`,
    `- id: ${sourceId(spec)}`,
    `  file: ${documentFile(spec)}`,
    '  type: report',
    `  label: "the ${spec.report} TIP report${refworld ? ' (Refworld copy)' : ''}"`,
    `  title: ${yamlString(title(spec))}`,
    '  author:',
    '    - literal: United States Department of State',
    '  publisher: United States Department of State',
    `  issued: ${spec.issued}`,
    ...(refworld ? ['  archive: Refworld'] : []),
    `  URL: ${url}`,
    `  accessed: ${accessed}`,
    '',
  ].join('\n');
}

/** narrative-shapes' archived Refworld page, with this year's dates and address in its chrome. */
function refworldArchive(spec: FifteenYearsSpec, narrative: Narrative): Buffer {
  let html = archivedRepublisherPage(narrative).toString('latin1');
  const replacements: [string, string][] = [
    ['20140702101500/http://www.refworld.org/docid/53d0a1b2c.html', archiveAddress(spec)],
    ['https://www.refworld.org/docid/53d0a1b2c.html', `https://www.refworld.org/docid/${docid(spec)}.html`],
    ['20 June 2014', longDate(spec.issued)],
    ['1 December 2026', longDate(accessed)],
    ['© UNHCR 2014', `© UNHCR ${spec.report}`],
  ];
  // Byte for byte: windows-1252 bytes read as Latin-1 and written back are unchanged, and the
  // replaced text is ASCII and © (0xA9 in both).
  for (const [from, to] of replacements) {
    if (!html.includes(from)) throw new Error(`narrative-shapes' archived page no longer has ${JSON.stringify(from)}`);
    html = html.split(from).join(to);
  }
  return Buffer.from(html, 'latin1');
}

/** The document's bytes, in its format (PDFs printed by Chromium). */
async function documentBytes(spec: FifteenYearsSpec, narrative: Narrative): Promise<string | Buffer | Uint8Array> {
  switch (spec.format) {
    case 'refworld':
      return refworldArchive(spec, narrative);
    case 'page':
      return publisherPage(narrative);
    case 'text':
      return copiedText(narrative);
    case 'pdf':
      return printedPdf(narrative);
  }
}

/** Every synthetic year's narrative and facts (quotes checked against the narrative). */
export function fifteenYears(): { spec: FifteenYearsSpec; narrative: Narrative; facts: FifteenYearsFact[] }[] {
  return syntheticYears.map((spec) => {
    const narrative = narrativeOf(spec);
    const facts = factsOf(spec);
    checkQuotes(spec, narrative, facts);
    return { spec, narrative, facts };
  });
}

/**
 * A copy of the Kosovo collection (makeProject()) with the synthetic reports of 2010 and
 * 2012–2024 without 2017 written into sources/documents/, their entries appended to
 * sources.yaml and the curator's facts to facts.yaml. Prints three PDFs with Chromium.
 */
export async function makeFifteenYearProject(): Promise<TempProject> {
  const years = fifteenYears();
  const project = await makeProject();
  try {
    for (const { spec, narrative } of years) {
      await writeFile(project.path('sources', documentFile(spec)), await documentBytes(spec, narrative));
    }
    await project.edit('sources/sources.yaml', (text) => `${text.trimEnd()}\n${years.map(({ spec }) => sourceYaml(spec)).join('')}`);
    const header = [
      '',
      '# ---------------------------------------------------------------------------',
      '# SYNTHETIC TEST DATA (tests/fixtures/tip-fifteen-years): facts on invented TIP',
      '# narratives, 2010 and 2012–2024 without 2017. Never cite them.',
      '# ---------------------------------------------------------------------------',
      '',
    ].join('\n');
    const facts = years.map(({ spec, facts: list }) => [`# The ${spec.report} report (covering ${spec.report - 1})`, '', ...list.map(factYaml)].join('\n')).join('\n');
    await project.edit('sources/facts.yaml', (text) => `${text.trimEnd()}\n${header}\n${facts}`);
    return project;
  } catch (error) {
    await project.remove();
    throw error;
  }
}
