/**
 * The files `briefs init` writes: a collection that checks and builds at once with the tool's
 * built-in layouts, styles, partials and citation style (a collection's `templates/` overrides
 * them file by file, so a new one needs only its brief templates). Kept here as strings, so the
 * bundle in dist/bundle needs no files beside it.
 */

/** What the files say that depends on the new collection. */
export interface InitValues {
  /** The collection's title, for briefs.yaml and the README. */
  readonly title: string;
  /** The JSON Schema of briefs.yaml, relative to the collection's folder (forward slashes). */
  readonly schema: string;
}

/** A file to write: its path in the collection (forward slashes) and its text. */
export interface InitFile {
  readonly path: string;
  readonly text: string;
}

/** The id of the example brief (its template's name) and of its fact and source. */
export const exampleBrief = 'first-brief';
const exampleFact = 'example-passages-are-checked';
const exampleSource = 'example';

/** A YAML scalar: plain where that is safe, else double-quoted (JSON's quoting is YAML's). */
export function yamlScalar(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ,.'’()-]*$/u.test(text) && !/^(true|false|yes|no|on|off|null|~)$/i.test(text) ? text : JSON.stringify(text);
}

const briefsYaml = ({ title, schema }: InitValues) => `# yaml-language-server: $schema=${schema}
# The collection: what it is called, who publishes it, in which language, and how its briefs look
# and print. Only the title is needed; every other field may be left out (the command line's
# options win over this file). Remove the # before a field to use it.

title: ${yamlScalar(title)}
lang: en                              # the language of the interface text: en, sq, sr-Latn …

# subtitle: Policy briefs             # a line under the title
# organisation: Your organisation     # who publishes the briefs
# author: Your name                   # written into each PDF and HTML (default: the organisation, else the title)
# logo: logo.svg                      # an SVG logo, relative to this folder
# accent: "#1f4e79"                   # the colour of headings and rules
# licence: CC BY 4.0                  # the licence the briefs are published under
# contact: briefs@example.org         # how readers reach the publisher: an address or a web page
# site: https://example.org/briefs/   # where the contents of output/ are published
# sources: sources                    # the folder with sources.yaml, facts.yaml and documents/
# templates: templates                # the folder with briefs/ and files that replace the built-in ones
# out: output                         # where the briefs are written
# paper: a4                           # a4 or letter
# notes: footnotes                    # where the PDF notes go: footnotes or endnotes
# evidence: annex                     # where the printed brief quotes its passages: annex, notes or none
# citation-style: chicago-fullnote-bibliography   # a CSL style (templates/csl/NAME.csl replaces the built-in one)
# pack:                               # the handout pack: every brief in one PDF
#   title: "${title.replace(/["\\]/g, '')}: policy briefs"
#   file: briefs-handout.pdf
# briefs: [${exampleBrief}]               # the order of the briefs in the index and the pack
# metrics:                            # what a fact's \`figure\` may count, with its label and unit
#   - { name: people-reached, label: People reached, unit: persons }
`;

const sourcesYaml = () => `# The bibliography: one entry per document in documents/.
#
# \`id\` is the stable name facts cite; \`file\` is the document, relative to this folder (plain
# text, Markdown, HTML or PDF); \`type\` is a CSL item type (report, webpage, article-newspaper,
# entry-encyclopedia, legislation …). \`label\` (not CSL) is an optional short name for the
# source in running text and tables. Every other field is CSL-JSON
# (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html): author, publisher,
# container-title, URL, and dates written as ISO dates: issued: 2024-06-27 (or 2024-06, or 2024).
# Record only what the document or its known origin states: leave a field out rather than guess it.

- id: ${exampleSource}
  file: documents/example.txt
  type: webpage
  title: An example document
  # The example states no date, so \`issued\` is left out.
`;

const exampleText = () => `An example document

This is an example document. It stands in for a real source, such as a report, an article or a web page, that the briefs of this collection quote. Replace it with the documents your briefs rest on, and remove its entry from sources.yaml and the fact that cites it from facts.yaml.

Every fact in facts.yaml cites a passage of a document like this one, word for word. When the briefs are checked or built, each cited passage is looked up in the document it comes from, and a passage that cannot be found there stops the build.

The notes of a brief give the passages its statements rest on, so that a reader can see where each statement comes from and find it in the document.
`;

const factsYaml = () => `# The curated facts. Each fact:
#
# - \`id\`: a unique name, in lower-case letters, digits and hyphens; templates print it by id.
# - \`topics\`: the briefs it belongs to. A brief's id is its template's name
#   (templates/briefs/${exampleBrief}.md.hbs is \`${exampleBrief}\`); a brief prints every fact of its topic.
# - \`statement\`: the claim, in neutral words, saying who says it ("The example document states
#   that …"). Every number, year and date it gives must be in one of its quotes.
# - \`citations\`: one or more passages, each quoted verbatim (at least five words) from a document
#   of sources.yaml; only white space, quote marks and dashes may differ. The build checks each.
#
# Optional: \`tags\` (labels templates select facts by), \`year\` (the year the fact describes),
# \`date\` (an exact date, only where the source gives one), \`short\` (a phrase for tables and
# timelines), \`note\` (a caveat printed with the statement).

- id: ${exampleFact}
  topics: [${exampleBrief}]
  statement: >-
    The example document states that each cited passage is looked up in the
    document it comes from, and that a passage that cannot be found there stops
    the build.
  citations:
    - source: ${exampleSource}
      quote: "each cited passage is looked up in the document it comes from, and a passage that cannot be found there stops the build."
`;

const briefTemplate = () => `---
title: First brief
subtitle: An example to replace with your own
summary: An example brief, built from the example document and the one fact that quotes it.
keywords: [example]
---
{{!--
  A brief: front matter (title, subtitle, summary, keywords), then Markdown with helpers that
  print facts, each with its note:
    {{fact "id"}}                     one fact's statement
    {{point "id"}}                    a key point (later lists with fresh=true leave it out)
    {{quote "id"}}                    the fact's passage, in quotation marks
    (facts tag="…" year=2024 fresh=true)   the brief's facts, filtered, for {{#each}} or {{prose}}
    {{prose (facts …)}}               statements as one paragraph
    {{timeline (facts …)}}            a dated list
    {{summary}}, {{aboutEvidence}}, {{disagreements}}   text drawn from the facts
    {{t "summary"}}                   an interface word in the collection's language
    {{asOf}}                          the "as of" line: the newest source (once sources are dated)
  Every fact whose topics name this brief must be printed (or listed under \`omit:\` with why).
--}}
## {{t "summary"}}

{{summary}}

## {{t "whatSourcesSay"}}

{{#each (facts)}}
- {{fact id}}
{{/each}}

{{disagreements}}

## {{t "aboutEvidence"}}

{{aboutEvidence}}
`;

const gitignore = () => `output/
.cache/
node_modules/
`;

const readme = ({ title }: InitValues) => `# ${title}

A collection of footnoted policy briefs built with \`briefs\`. Every statement in a brief is a
fact from \`sources/facts.yaml\`, and every fact quotes, word for word, a document in
\`sources/documents/\`: the build checks each quote against its document before it writes
anything.

| file | what it holds |
| --- | --- |
| \`briefs.yaml\` | the collection: its title, language, publisher, paper … (the fields are listed in its comments) |
| \`sources/sources.yaml\` | the bibliography: one entry per document |
| \`sources/documents/\` | the documents (plain text, Markdown, HTML or PDF) |
| \`sources/facts.yaml\` | the facts, each quoting a passage of a document |
| \`templates/briefs/*.md.hbs\` | one template per brief: front matter, then Markdown with helpers such as \`{{fact "id"}}\` |

The layouts, styles, partials and citation style are built in; a file of the same name in
\`templates/\` (such as \`templates/styles/brief.css\`) replaces the built-in one.

## Next steps

1. Edit \`briefs.yaml\`: the title, and whichever of the fields in its comments you need.
2. Put a document in \`sources/documents/\` and add its entry to \`sources/sources.yaml\`.
3. Add a fact to \`sources/facts.yaml\` that quotes the document, with the brief it belongs to in
   \`topics\`.
4. Print it in a brief: \`templates/briefs/${exampleBrief}.md.hbs\` lists every fact of its topic;
   rename the file (its name is the brief's id) or add more templates beside it.
5. Check: \`npx briefs check\` reads the sources, verifies every quote and renders the briefs, in
   seconds and without a browser. Run it after every edit.
6. Build: \`npx briefs build\` writes the briefs as HTML and PDF to \`output/\`; open
   \`output/index.html\`.

From another folder, name this one: \`npx briefs --root DIR check\`, \`npx briefs --root DIR build\`.
\`npx briefs help\` lists every command, \`npx briefs help build\` the options of one.

Once you have sources of your own, delete the example: \`sources/documents/example.txt\`, its entry
in \`sources/sources.yaml\` and the fact \`${exampleFact}\`.
`;

/** Every file of a new collection, in the order they are listed. */
export function collectionFiles(values: InitValues): InitFile[] {
  return [
    { path: 'briefs.yaml', text: briefsYaml(values) },
    { path: 'sources/sources.yaml', text: sourcesYaml() },
    { path: 'sources/documents/example.txt', text: exampleText() },
    { path: 'sources/facts.yaml', text: factsYaml() },
    { path: `templates/briefs/${exampleBrief}.md.hbs`, text: briefTemplate() },
    { path: 'README.md', text: readme(values) },
    { path: '.gitignore', text: gitignore() },
  ];
}

/** Files a folder may already have (a README in a new repository): kept as they are, never overwritten. */
export const optionalFiles: ReadonlySet<string> = new Set(['README.md', '.gitignore']);
