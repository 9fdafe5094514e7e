import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { renderBrief, type BriefMarkdown, type TemplateFile, type TemplateSet } from '../../../src/compose/index.js';
import type { VerifiedFact } from '../../../src/facts/index.js';
import type { SourceDoc } from '../../../src/ingest/index.js';

function only(messages: readonly VFileMessage[]): VFileMessage {
  expect(messages.map((message) => message.ruleId)).toHaveLength(1);
  return messages[0]!;
}

const templateFile = (name: string, source: string, folder = 'briefs'): TemplateFile => ({
  name,
  path: `/project/templates/${folder}/${name}.md.hbs`,
  source,
  digest: '0'.repeat(64),
});

function fact(id: string, extra: Partial<Omit<VerifiedFact, 'id'>> = {}): VerifiedFact {
  return {
    id,
    topics: ['demo'],
    tags: [],
    statement: `Statement ${id}.`,
    place: { line: 1, column: 3 },
    citations: [
      {
        source: 'demo-source',
        quote: `The quoted passage of ${id}.`,
        place: { line: 2, column: 14 },
        sourceDigest: 'f'.repeat(64),
        match: { paragraph: 2, line: 5, start: 0, end: 10, textStart: 0, textEnd: 10, locator: { label: 'paragraph', value: '2' } },
      },
    ],
    ...extra,
  };
}

const facts = new Map<string, VerifiedFact>([
  ['alpha', fact('alpha', { tags: ['penalty'], year: 2011 })],
  ['beta', fact('beta', { tags: ['penalty'], year: 2009, note: 'Sources\n  disagree.' })],
  ['gamma', fact('gamma', { tags: ['penalty'] })],
  ['delta', fact('delta', { tags: ['other'], date: '2010-06-27', year: 2010 })],
  ['elsewhere', fact('elsewhere', { topics: ['other-brief'], tags: ['penalty'] })],
]);

const doc: SourceDoc = {
  id: 'demo-source',
  path: '/project/sources/documents/demo.txt',
  digest: 'f'.repeat(64),
  file: new VFile({ path: '/project/sources/documents/demo.txt', value: 'Text.\n' }),
  bib: { id: 'demo-source', type: 'report', title: 'Demo report' },
  headings: [],
  paragraphs: [{ n: 1, text: 'Text.', line: 1 }],
  chrome: [],
  format: 'text',
  entryLine: 1,
};

function render(source: string, partials: readonly TemplateFile[] = []): BriefMarkdown {
  const templates: TemplateSet = {
    briefs: new Map(),
    partials: new Map(partials.map((partial) => [partial.name, partial])),
    layouts: new Map(),
    styles: new Map(),
  };
  return renderBrief(templateFile('demo', source), {
    templates,
    facts,
    docs: new Map([[doc.id, doc]]),
    edition: '23 November 2026',
  });
}

describe('renderBrief', () => {
  it('should emit the statement of `{{fact "id"}}` with its footnote marker and a definition', () => {
    const brief = render('# Title\n\nFirst: {{fact "alpha"}}\n');
    expect(brief.file.messages).toEqual([]);
    expect(brief.briefId).toBe('demo');
    expect(brief.file.path).toBe('/project/templates/briefs/demo.md.hbs');
    expect(String(brief.file.value)).toBe('# Title\n\nFirst: Statement alpha.[^alpha]\n\n[^alpha]: alpha\n');
    expect(brief.usedFacts).toEqual(['alpha']);
  });

  it('should add the caveat of a fact that has a note, on one line', () => {
    const brief = render('{{fact "beta"}}');
    expect(String(brief.file.value)).toContain('Statement beta.[^beta] *Caveat: Sources disagree.*');
  });

  it('should record the facts used in order of first use, each once', () => {
    const brief = render('{{cite "gamma"}} {{fact "alpha"}} {{cite "gamma"}} {{point "beta"}}');
    expect(brief.usedFacts).toEqual(['gamma', 'alpha', 'beta']);
    expect(String(brief.file.value)).toMatch(/\[\^gamma\]: gamma\n\[\^alpha\]: alpha\n\[\^beta\]: beta\n$/);
  });

  it('should emit only the marker for `cite` and the quoted passage for `quote`', () => {
    const brief = render('A{{cite "alpha"}}\n\n{{quote "gamma"}}');
    expect(String(brief.file.value)).toMatch(/^A\[\^alpha\]\n\n“The quoted passage of gamma\.”\[\^gamma\]\n/);
  });

  it('should report an unknown fact id at the line and column of the helper call', () => {
    const brief = render('# Title\n\nSee   {{fact "no-such-fact"}} here.\n');
    const message = only(brief.file.messages);
    expect(message.ruleId).toBe('unknown-fact');
    expect(message.line).toBe(3);
    expect(message.column).toBe(7);
    expect(message.fatal).toBe(true);
    expect(message.file).toBe('/project/templates/briefs/demo.md.hbs');
    expect(message.reason).toMatch(/^No fact has the id "no-such-fact"\.$/);
    expect(String(brief.file.value)).toBe('');
  });

  it('should name the fact a mistyped id was probably meant to be', () => {
    const message = only(render('{{fact "alpah"}}\n').file.messages);
    expect(message.reason).toBe('No fact has the id "alpah": did you mean "alpha"?');
  });

  it('should report an unknown variable in strict mode with its line', () => {
    const brief = render('# Title\n\n  {{subtitle}}\n');
    const message = only(brief.file.messages);
    expect(message.ruleId).toBe('template-render');
    expect(message.line).toBe(3);
    expect(message.column).toBe(5);
    expect(message.reason).toMatch(/^Could not render template ".*demo\.md\.hbs": `subtitle` is neither a helper nor a variable of the template/);
  });

  it('should report an unknown helper when compiling', () => {
    const brief = render('# Title\n{{shout "alpha"}}\n');
    const message = only(brief.file.messages);
    expect(message.ruleId).toBe('template-syntax');
    expect(message.line).toBe(2);
    expect(message.column).toBe(1);
    expect(message.reason).toMatch(/^Could not compile template ".*demo\.md\.hbs": .*unknown helper shout/);
  });

  it('should report a Handlebars parse error with its line', () => {
    const brief = render('# Title\n\n{{#each (facts)}}\n- {{id}}\n');
    const message = only(brief.file.messages);
    expect(message.ruleId).toBe('template-syntax');
    expect(message.line).toBeGreaterThanOrEqual(3);
    expect(message.reason).toMatch(/^Could not compile template ".*demo\.md\.hbs": /);
  });

  it('should say what the parser expected in a parse error', () => {
    const brief = render('# Title\n\n{{#each (facts)}}\n- {{id}}\n');
    expect(only(brief.file.messages).reason).toMatch(/Expecting .*got 'EOF'/);
  });

  it('should report a mismatched closing block as a syntax problem', () => {
    const brief = render('x\n{{#if brief}}\n{{/each}}\n');
    const message = only(brief.file.messages);
    expect(message.ruleId).toBe('template-syntax');
    expect(message.line).toBe(2);
  });

  it('should report a partial that does not exist', () => {
    const brief = render('x\n{{> nowhere}}\n');
    const message = only(brief.file.messages);
    expect(message.ruleId).toBe('template-render');
    expect(message.reason).toMatch(/The partial nowhere could not be found/);
  });

  it('should list the facts of the brief in time order, undated last', () => {
    const brief = render('{{#each (facts)}}{{id}} {{/each}}');
    expect(String(brief.file.value)).toMatch(/^beta delta alpha gamma\n/);
  });

  it('should select facts by tag and leave out facts of other briefs', () => {
    const brief = render('{{#each (facts tag="penalty")}}{{id}} {{/each}}');
    expect(String(brief.file.value)).toMatch(/^beta alpha gamma\n/);
  });

  it('should leave out facts already placed with `fact` when fresh=true', () => {
    const brief = render('{{fact "alpha"}}\n\n{{#each (facts tag="penalty" fresh=true)}}- {{id}}\n{{/each}}');
    expect(brief.file.messages).toEqual([]);
    const markdown = String(brief.file.value);
    expect(markdown).toContain('- beta\n- gamma\n');
    expect(markdown).not.toContain('- alpha');
  });

  it('should say a key point once: `point` states the fact, and a fresh list skips it', () => {
    const brief = render('{{point "alpha"}}\n\n{{#each (facts tag="penalty" fresh=true)}}- {{id}}\n{{/each}}');
    expect(brief.file.messages).toEqual([]);
    expect(String(brief.file.value)).toBe('Statement alpha.[^alpha]\n\n- beta\n- gamma\n\n[^alpha]: alpha\n');
    expect(brief.printedFacts).toEqual(new Set(['alpha']));
    expect(brief.keyPoints).toEqual(['alpha']);
  });

  it('should state a key point in full, with its caveat', () => {
    const brief = render('{{point "beta"}}\n\n{{#each (facts tag="penalty" fresh=true)}}- {{id}}\n{{/each}}');
    expect(brief.file.messages).toEqual([]);
    expect(String(brief.file.value)).toBe('Statement beta.[^beta] *Caveat: Sources disagree.*\n\n- alpha\n- gamma\n\n[^beta]: beta\n');
    expect(brief.printedFacts).toEqual(new Set(['beta']));
    expect(brief.notedFacts).toEqual(new Set(['beta']));
    expect(brief.keyPoints).toEqual(['beta']);
  });

  it('should pass hash arguments through a partial', () => {
    const partial = templateFile('fact-list', '{{#each items}}\n- {{fact id}}\n{{/each}}\n', 'partials');
    const brief = render('## Penalties\n\n{{> fact-list items=(facts tag="penalty")}}', [partial]);
    expect(brief.file.messages).toEqual([]);
    expect(String(brief.file.value)).toContain('- Statement beta.[^beta]');
    expect(brief.usedFacts).toEqual(['beta', 'alpha', 'gamma']);
  });

  it('should report a problem inside a partial at the partial file', () => {
    const partial = templateFile('broken', 'line one\n{{fact "missing"}}\n', 'partials');
    const brief = render('# Title\n\n{{> broken}}\n', [partial]);
    const message = only(brief.file.messages);
    expect(message.ruleId).toBe('unknown-fact');
    expect(message.file).toBe('/project/templates/partials/broken.md.hbs');
    expect(message.line).toBe(2);
    expect(message.column).toBe(1);
  });

  it('should give templates the brief id, the edition, source titles and formatted dates', () => {
    const brief = render('{{brief.id}} | {{edition}} | {{sourceTitle "demo-source"}} | {{formatDate "2011-06-27"}}');
    expect(String(brief.file.value)).toMatch(/^demo \| 23 November 2026 \| Demo report \| 27 June 2011\n/);
  });

  it('should list the years of the brief’s facts', () => {
    const brief = render('{{#each (years)}}{{this}},{{/each}} {{#each (facts year=2010)}}{{id}}{{/each}}');
    expect(String(brief.file.value)).toMatch(/^2009,2010,2011, delta\n/);
  });

  it('should report an unknown source id in sourceTitle with its line', () => {
    const brief = render('x\n{{sourceTitle "nope"}}');
    const message = only(brief.file.messages);
    expect(message.ruleId).toBe('template-render');
    expect(message.line).toBe(2);
    expect(message.reason).toMatch(/No source has the id "nope"/);
  });

  it.each([
    '{{constructor.name}}',
    '{{brief.constructor.name}}',
    '{{#with brief}}{{constructor.name}}{{/with}}',
    '{{#each (facts)}}{{constructor.name}}{{/each}}',
    '{{lookup brief "constructor"}}',
    '{{#each (facts)}}{{lookup this "constructor"}}{{/each}}',
    '{{lookup (lookup brief "constructor") "name"}}',
    '{{__proto__}}',
    '{{brief.__proto__.constructor}}',
  ])('should not leak prototype properties through %s', (source) => {
    const brief = render(source);
    const markdown = String(brief.file.value);
    expect(markdown).not.toMatch(/Object|function|native code/);
    for (const message of brief.file.messages) {
      expect(message.ruleId).toMatch(/^template-(render|syntax)$/);
      expect(message.reason).not.toMatch(/native code/);
    }
  });
});
