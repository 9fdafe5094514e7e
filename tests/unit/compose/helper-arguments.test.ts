import type { HelperOptions } from 'handlebars';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { guardHelper, helperSignatures } from '../../../src/compose/helper-arguments.js';
import { helperNames } from '../../../src/compose/helpers.js';
import { renderBrief, type BriefMarkdown, type TemplateFile } from '../../../src/compose/index.js';
import { TemplateProblem } from '../../../src/compose/template-error.js';
import type { VerifiedFact } from '../../../src/facts/index.js';
import type { SourceDoc } from '../../../src/ingest/index.js';

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
  ['beta', fact('beta', { tags: ['other'], date: '2010-06-27', year: 2010 })],
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
  return renderBrief(templateFile('demo', source), {
    templates: { briefs: new Map(), partials: new Map(partials.map((p) => [p.name, p])), layouts: new Map(), styles: new Map() },
    facts,
    docs: new Map([[doc.id, doc]]),
    edition: '23 November 2026',
  });
}

function only(brief: BriefMarkdown): VFileMessage {
  expect(brief.file.messages.map((message) => message.ruleId)).toHaveLength(1);
  expect(String(brief.file.value)).toBe('');
  return brief.file.messages[0]!;
}

describe('helper arguments: names', () => {
  it('should refuse an unknown hash argument at the helper call, suggesting the close name', () => {
    const message = only(render('# Title\n\n{{prose (facts tags="penalty")}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.fatal).toBe(true);
    expect(message.file).toBe('/project/templates/briefs/demo.md.hbs');
    expect(message.line).toBe(3);
    expect(message.column).toBe(9);
    expect(message.reason).toMatch(
      /^The helper `facts` has no argument `tags`: did you mean `tag`\? Its arguments are `topic`, `tag`, `year`, `source`, `report`, `figure`, `fresh` and `order`\.$/,
    );
  });

  it('should list the valid names without a suggestion when none is close', () => {
    const message = only(render('{{prose (facts colour="red")}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(1);
    expect(message.column).toBe(9);
    expect(message.reason).toMatch(/^The helper `facts` has no argument `colour`; its arguments are `topic`, .* and `order`\.$/);
  });

  it('should refuse a named argument to a helper that takes none', () => {
    const message = only(render('Text\n  {{fact "alpha" full=true}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(2);
    expect(message.column).toBe(3);
    expect(message.reason).toMatch(/^The helper `fact` takes no named arguments, but was given `full`\.$/);
  });

  it('should refuse a name that only the object prototype has', () => {
    const message = only(render('{{timeline (facts) toString=true}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(1);
    expect(message.column).toBe(1);
    expect(message.reason).toMatch(/^The helper `timeline` has no argument `toString`; its only argument is `full`\.$/);
  });

  it('should suggest `topic` for a misspelt topic of a table helper', () => {
    const message = only(render('{{reportTable topc="demo"}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(1);
    expect(message.column).toBe(1);
    expect(message.reason).toMatch(/has no argument `topc`: did you mean `topic`\? Its only argument is `topic`\.$/);
  });

  it('should report an unknown argument inside a partial at the partial file', () => {
    const partial = templateFile('list', 'Intro\n\n{{#each (facts tags=tag)}}\n- {{fact id}}\n{{/each}}\n', 'partials');
    const message = only(render('# Title\n\n{{> list tag="penalty"}}\n', [partial]));
    expect(message.ruleId).toBe('template-argument');
    expect(message.file).toBe('/project/templates/partials/list.md.hbs');
    expect(message.line).toBe(3);
    expect(message.column).toBe(9);
    expect(message.reason).toMatch(/did you mean `tag`\?/);
  });

  it('should have a signature for every helper and no other', () => {
    expect(Object.keys(helperSignatures).sort()).toEqual([...helperNames].sort());
  });
});

describe('helper arguments: values', () => {
  it.each([
    ['{{timeline (facts) full="yes"}}', 1, /^The helper `timeline` needs `full=true` or `full=false`, not `full="yes"`\.$/],
    ['{{timeline (facts) full="true"}}', 1, /not `full="true"` \(true and false are written without quotes\)\.$/],
    ['{{figureTable (facts) all=1}}', 1, /^The helper `figureTable` needs `all=true` or `all=false`, not `all=1`\.$/],
    ['{{prose (facts fresh="yes")}}', 9, /^The helper `facts` needs `fresh=true` or `fresh=false`/],
    ['{{prose (facts figure=1)}}', 9, /^The helper `facts` needs `figure=true` or `figure=false`, not `figure=1`\.$/],
    ['{{prose (facts year="2011")}}', 9, /needs `year` to be a year, such as `year=2011`, not `year="2011"` \(numbers are written without quotes\)\.$/],
    ['{{prose (facts report="x")}}', 9, /needs `report` to be a TIP report year, such as `report=2011`, or `report=false`, not `report="x"`\.$/],
    ['{{prose (facts order="time")}}', 9, /needs `order="file"` \(facts\.yaml order; leave it out for time order\), not `order="time"`\.$/],
    ['{{prose (facts tag=2011)}}', 9, /needs `tag` to be text in quotes, such as `tag="…"`, not `tag=2011`\.$/],
  ])('should refuse %s with its place and what the argument must hold', (template, column, reason) => {
    const message = only(render(`# Title\n${template}\n`));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(2);
    expect(message.column).toBe(column);
    expect(message.reason).toMatch(reason);
  });

  it('should accept every documented argument with a value of its type', () => {
    const brief = render(
      [
        '{{prose (facts topic="demo" tag="penalty,other" year=2011 source="demo-source" report=false figure=false fresh=false order="file")}}',
        '{{timeline (facts) full=true}}',
        '{{figureTable (facts) all=false}}',
        '{{#each (years topic="demo")}}{{this}} {{/each}}',
        '{{#each (reports topic="demo")}}{{year}}{{/each}}',
        '{{#if (eq brief.id "demo")}}yes{{/if}}',
        '',
      ].join('\n'),
    );
    expect(brief.file.messages).toEqual([]);
    expect(String(brief.file.value)).toMatch(/Statement alpha\./);
  });
});

describe('helper arguments: positions', () => {
  it('should refuse a positional argument to `facts`, suggesting `fact`', () => {
    const message = only(render('# Title\n\n{{prose (facts "alpha")}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(3);
    expect(message.column).toBe(9);
    expect(message.reason).toMatch(/^The helper `facts` takes no positional arguments, but was given "alpha": did you mean `fact "alpha"`\?$/);
  });

  it('should refuse the text of `fact` where `prose` needs a list of facts', () => {
    const message = only(render('# Title\n\n{{prose (fact "alpha")}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(3);
    expect(message.column).toBe(1);
    expect(message.reason).toMatch(
      /^The helper `prose` needs a list of facts, such as `\(facts tag="x"\)`, but was given text that another helper wrote \(such as `fact`\)\.$/,
    );
  });

  it('should refuse the text of `fact` as the list of `#each`', () => {
    const message = only(render('# Title\n{{#each (fact "alpha")}}\n- {{fact id}}\n{{/each}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(2);
    expect(message.column).toBe(1);
    expect(message.reason).toMatch(/^The helper `each` needs one list, such as `\{\{#each \(facts tag="x"\)\}\}`, but was given text/);
  });

  it('should refuse a list of years where `prose` needs facts', () => {
    const message = only(render('{{prose (years)}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.reason).toMatch(/needs a list of facts, .* but was given a list that holds the number 2010, not facts\.$/);
  });

  it('should refuse `fact` without an id instead of failing with a TypeError', () => {
    const message = only(render('# Title\n\nSee {{fact}}.\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(3);
    expect(message.column).toBe(5);
    expect(message.reason).toMatch(/^The helper `fact` takes one argument, a fact id, such as `\{\{fact "id"\}\}`, but was given none\.$/);
    expect(message.reason).not.toMatch(/TypeError|Cannot read/);
  });

  it('should suggest `facts` for `fact` given only named arguments', () => {
    const message = only(render('{{prose (fact tag="penalty")}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.column).toBe(9);
    expect(message.reason).toMatch(/but was given none: did you mean `\(facts tag="penalty"\)`\?$/);
  });

  it('should refuse a whole fact where a fact id is needed', () => {
    const message = only(render('{{#each (facts)}}\n- {{fact this}}\n{{/each}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(2);
    expect(message.column).toBe(3);
    expect(message.reason).toMatch(/^The helper `fact` needs a fact id, .* but was given the fact "beta" itself \(write `id` for its id\)\.$/);
  });

  it('should refuse too many arguments', () => {
    const message = only(render('{{cite "alpha" "beta"}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(1);
    expect(message.column).toBe(1);
    expect(message.reason).toMatch(/^The helper `cite` takes one argument, a fact id, such as `\{\{cite "id"\}\}`, but was given 2: "alpha", "beta"\.$/);
  });

  it('should refuse a helper used as a block', () => {
    const message = only(render('{{#point "alpha"}}text{{/point}}\n'));
    expect(message.ruleId).toBe('template-argument');
    expect(message.line).toBe(1);
    expect(message.column).toBe(1);
    expect(message.reason).toMatch(/^The helper `point` is not a block helper/);
  });
});

describe('guardHelper', () => {
  const options = { hash: {}, name: 'asOf', loc: { start: { line: 4, column: 2 }, end: { line: 4, column: 10 } } } as unknown as HelperOptions;

  it('should turn a JavaScript error of a helper into a located problem naming the helper', () => {
    const guarded = guardHelper('asOf', () => {
      throw new TypeError("Cannot read properties of undefined (reading 'loc')");
    });
    let thrown: unknown;
    try {
      guarded(options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TemplateProblem);
    const problem = thrown as TemplateProblem;
    expect(problem.code).toBe('template-render');
    expect(problem.place).toEqual({ line: 4, column: 3 });
    expect(problem.message).toMatch(/^The helper `asOf` failed: Cannot read properties of undefined \(reading 'loc'\)$/);
    expect(problem.cause).toBeInstanceOf(TypeError);
  });

  it('should let a problem the helper raised itself through unchanged', () => {
    const own = new TemplateProblem('unknown-fact', 'x', { line: 1, column: 1 }, 'No fact has the id "x".');
    const guarded = guardHelper('asOf', () => {
      throw own;
    });
    expect(() => guarded(options)).toThrow(own);
  });

  it('should surface a failing helper as a located template-render diagnostic', () => {
    // `sourceTitle` raises its own problem: the rendered brief keeps its place and code.
    const message = only(render('# Title\n\n  {{sourceTitle "nope"}}\n'));
    expect(message.ruleId).toBe('template-render');
    expect(message.line).toBe(3);
    expect(message.column).toBe(3);
    expect(message.reason).toMatch(/No source has the id "nope"/);
  });
});
