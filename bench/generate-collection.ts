import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

/** The shape of a generated collection. */
export interface CollectionSpec {
  readonly briefs: number;
  /** Facts per brief; the collection is 100 briefs × 20 = 2,000 facts. */
  readonly factsPerBrief: number;
  readonly documents: number;
  /** Seed of the generator: the same spec and seed give the same files. */
  readonly seed: number;
}

/** The scale collection: 100 briefs, 2,000 facts, 50 documents. */
export const fullCollection: CollectionSpec = { briefs: 100, factsPerBrief: 20, documents: 50, seed: 20261123 };

/**
 * The template folders a collection may override, copied from `templatesFrom` where it has them
 * (briefs/ is written fresh); without them the tool's built-in ones (defaults/templates/) apply.
 */
const sharedTemplateDirs = ['layouts', 'styles', 'partials', 'csl'];

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary = {
  body: ['ministry of internal affairs', 'regional police directorate', 'victim advocacy office', 'labour inspectorate', 'shelter coordination unit', 'border police', 'prosecution office', 'municipal social services', 'national coordinator', 'partner network of organisations'],
  cases: ['investigations', 'prosecutions', 'convictions', 'identified victims', 'referrals', 'inspections'],
  region: ['northern', 'southern', 'eastern', 'western', 'central', 'border', 'upland', 'river valley'],
  persons: ['adults', 'minors', 'foreign nationals', 'women', 'men'],
  action: ['assisted in shelters', 'referred to services', 'interviewed by investigators', 'returned to their families'],
  staff: ['officers', 'judges', 'social workers', 'labour inspectors', 'teachers'],
  topic: ['victim identification', 'labour exploitation', 'online recruitment', 'witness protection', 'referral procedures'],
  programme: ['victim reintegration', 'prevention campaigns', 'shelter operations', 'hotline services'],
};

/** The tags facts are spread over, and the section of the brief each one fills. */
const sections = [
  ['finding', 'Findings'],
  ['context', 'Context'],
  ['measure', 'Measures'],
  ['response', 'Responses'],
] as const;

interface Sentence {
  readonly text: string;
  readonly year: number;
}

function sentenceMaker(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const count = () => 3 + Math.floor(random() * 480);
  const year = () => 2001 + Math.floor(random() * 24);
  const forms: ((y: number) => string)[] = [
    (y) => `In ${y}, the ${pick(vocabulary.body)} reported ${count()} ${pick(vocabulary.cases)} in the ${pick(vocabulary.region)} region.`,
    (y) => `The ${pick(vocabulary.body)} stated that ${count()} ${pick(vocabulary.persons)} were ${pick(vocabulary.action)} during ${y}.`,
    (y) => `According to the ${pick(vocabulary.body)}, funding for ${pick(vocabulary.programme)} reached ${count()} thousand euros in ${y}.`,
    (y) => `Between ${y - 2} and ${y}, the ${pick(vocabulary.body)} trained ${count()} ${pick(vocabulary.staff)} on ${pick(vocabulary.topic)}.`,
    (y) => `The ${pick(vocabulary.body)} noted in ${y} that ${pick(vocabulary.topic)} remained a concern in the ${pick(vocabulary.region)} region, citing ${count()} cases.`,
  ];
  return (): Sentence => {
    const y = year();
    return { text: pick(forms)(y), year: y };
  };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');
export const briefId = (index: number) => `brief-${pad(index + 1, 3)}`;
const sourceId = (index: number) => `synthetic-doc-${pad(index + 1, 2)}`;

function briefTemplate(index: number, spec: CollectionSpec): string {
  const body = sections.map(([tag, heading]) => `## ${heading}\n\n{{#each (facts tag="${tag}")}}\n- {{fact id}}\n{{/each}}\n`);
  return [
    '---',
    `title: Synthetic brief ${index + 1}`,
    'subtitle: Generated for the benchmark; it describes nothing real',
    `summary: A generated brief of ${spec.factsPerBrief} synthetic facts, to measure how build time grows with the number of briefs.`,
    'keywords: [benchmark, synthetic]',
    '---',
    '',
    ...body,
  ].join('\n');
}

/**
 * Write a synthetic collection into `dir`: documents of generated text (clearly marked as
 * synthetic), sources.yaml, facts.yaml whose quotes are whole sentences cut from the documents
 * (so every quote verifies), and one small generic brief template per brief selecting its facts
 * by topic. Layout, styles, partials and CSL are the tool's built-in ones, with whatever
 * `templatesFrom` overrides, so pages look like the real briefs.
 */
export async function generateCollection(dir: string, spec: CollectionSpec, templatesFrom: string): Promise<void> {
  const random = generator(spec.seed);
  const sentence = sentenceMaker(random);
  const documents = Array.from({ length: spec.documents }, () =>
    Array.from({ length: 30 }, () => Array.from({ length: 4 }, sentence)),
  );
  await mkdir(path.join(dir, 'sources', 'documents'), { recursive: true });
  await mkdir(path.join(dir, 'templates', 'briefs'), { recursive: true });
  await Promise.all(
    documents.map((paragraphs, index) => {
      const text = [
        `= Synthetic benchmark document ${index + 1} =`,
        'This text is synthetic. It was generated for the performance benchmark of the briefs tool and describes nothing real.',
        ...paragraphs.map((sentences) => sentences.map((s) => s.text).join(' ')),
      ].join('\n\n');
      return writeFile(path.join(dir, 'sources', 'documents', `${sourceId(index)}.txt`), `${text}\n`);
    }),
  );
  const bibliography = documents.map((_, index) => ({
    id: sourceId(index),
    file: `documents/${sourceId(index)}.txt`,
    type: 'report',
    title: `Synthetic benchmark document ${index + 1}`,
    author: [{ literal: 'Benchmark generator' }],
    publisher: 'Benchmark generator',
    issued: String(2001 + (index % 24)),
  }));
  const nextSentence = documents.map(() => 0);
  const facts = Array.from({ length: spec.briefs * spec.factsPerBrief }, (_, index) => {
    const doc = Math.floor(random() * spec.documents);
    const flat = documents[doc]!.flat();
    const quoted = flat[nextSentence[doc]! % flat.length]!;
    nextSentence[doc] = (nextSentence[doc] ?? 0) + 1;
    return {
      id: `fact-${pad(index + 1, 4)}`,
      topics: [briefId(index % spec.briefs)],
      tags: [sections[index % sections.length]![0]],
      year: quoted.year,
      // The document is named without its number: a statement may give no number its quotes do not.
      statement: `According to the synthetic document, ${quoted.text[0]!.toLowerCase()}${quoted.text.slice(1)}`,
      citations: [{ source: sourceId(doc), quote: quoted.text }],
    };
  });
  await writeFile(path.join(dir, 'sources', 'sources.yaml'), `# Synthetic: generated by bench/generate-collection.ts\n${stringify(bibliography)}`);
  await writeFile(path.join(dir, 'sources', 'facts.yaml'), `# Synthetic: generated by bench/generate-collection.ts\n${stringify(facts, { lineWidth: 0 })}`);
  await Promise.all([
    ...sharedTemplateDirs.map((name) =>
      cp(path.join(templatesFrom, name), path.join(dir, 'templates', name), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      }),
    ),
    ...Array.from({ length: spec.briefs }, (_, index) =>
      writeFile(path.join(dir, 'templates', 'briefs', `${briefId(index)}.md.hbs`), briefTemplate(index, spec)),
    ),
  ]);
}
