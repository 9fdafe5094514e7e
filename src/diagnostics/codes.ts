/**
 * The catalogue of diagnostics. Codes are permanent: never rename one, add a new one.
 * Messages say what happened and why; hints say what to do. No "Error:" prefix.
 */
export interface DiagnosticData<Args extends unknown[] = never[]> {
  /** Permanent kebab-case code, printed in brackets after each message. */
  readonly code: string;
  /** One-line title, used in the README's diagnostics table. */
  readonly title: string;
  /** Builds the message from the offending values. */
  readonly message: (...args: Args) => string;
  /** What the user should do about it. */
  readonly hint: string;
}

const q = (value: string): string => JSON.stringify(value);

export const codes = {
  yamlSyntax: {
    code: 'yaml-syntax',
    title: 'A YAML file cannot be parsed',
    message: (detail: string) => `YAML syntax problem: ${detail}`,
    hint: 'Fix the YAML at the place shown (indentation, quoting, a missing colon). Quote text that contains ": " or starts with a special character.',
  },
  yamlDuplicateKey: {
    code: 'yaml-duplicate-key',
    title: 'A YAML mapping repeats a key',
    message: (key: string) => `The key ${q(key)} appears twice in the same entry.`,
    hint: 'Keep one of the two values; a second key silently replacing the first is never what was meant.',
  },
  schemaInvalid: {
    code: 'schema-invalid',
    title: 'An entry does not match its schema',
    message: (what: string, detail: string) => `${what}: ${detail}`,
    hint: 'See "Add a fact" and "Add a source" in the README for the fields each entry takes.',
  },
  duplicateId: {
    code: 'duplicate-id',
    title: 'Two entries share an id',
    message: (kind: string, id: string) => `The ${kind} id ${q(id)} is used twice.`,
    hint: 'Ids must be unique: rename one of the two entries (and update what cites it).',
  },
  sourceFileMissing: {
    code: 'source-file-missing',
    title: 'A bibliography entry names a missing document',
    message: (id: string, file: string) => `Source ${q(id)} names the file ${q(file)}, which does not exist.`,
    hint: 'Put the document in sources/documents/ or correct `file` in sources/sources.yaml.',
  },
  sourceUnreadable: {
    code: 'source-unreadable',
    title: 'A document cannot be read as text',
    message: (file: string, detail: string) => `The document ${q(file)} cannot be read: ${detail}`,
    hint: 'Save the file as UTF-8 (in a text editor, "Save as…" with the encoding UTF-8), or, for a web page, keep its `<meta charset>`.',
  },
  sourceFormat: {
    code: 'source-format',
    title: 'A document cannot be read in its format',
    message: (file: string, format: string, detail: string) => `The document ${q(file)} cannot be read as ${format}: ${detail}.`,
    hint: 'The build reads plain text, Markdown, saved HTML pages and PDF reports with a text layer. Save the document in one of these formats, or fix the file.',
  },
  fileMissing: {
    code: 'file-missing',
    title: 'A required file is missing',
    message: (file: string) => `The file ${q(file)} does not exist or cannot be read.`,
    hint: 'Run the command in the project folder, or point --sources / --templates at the right folders.',
  },
  sourceTooLarge: {
    code: 'source-too-large',
    title: 'A document is larger than the limit',
    message: (file: string, size: number, limit: number) =>
      `The document ${q(file)} has ${size} bytes; the limit is ${limit} bytes (${Math.round(limit / 1024 / 1024)} MB).`,
    hint: 'Save only the text of the report (not a whole site or a binary file), or split it into documents per chapter.',
  },
  fileTooLarge: {
    code: 'file-too-large',
    title: 'A YAML file is larger than the limit',
    message: (file: string, size: number, limit: number) => `${q(file)} has ${size} bytes; the limit is ${limit} bytes.`,
    hint: 'The facts and sources files are written by hand; a file this large is almost certainly the wrong file.',
  },
  sourceEmpty: {
    code: 'source-empty',
    title: 'A document has no text to quote',
    message: (file: string) => `The document ${q(file)} has no text once page chrome is set aside.`,
    hint: 'Check that the right file was saved; an empty document cannot support any fact.',
  },
  sourceOneParagraph: {
    code: 'source-one-paragraph',
    title: 'A document reads as one long paragraph',
    message: (file: string, words: number) =>
      `The document ${q(file)} reads as one paragraph of ${words} words: every quote from it will be cited as the same ¶.`,
    hint: 'Separate the paragraphs of a plain-text document with blank lines, or save the web page as HTML ("Save page as…") instead of copying its text.',
  },
  chromeUnmatched: {
    code: 'chrome-unmatched',
    title: "An item of a source's `chrome` list sets nothing aside",
    message: (id: string, item: string, file: string) =>
      `The \`chrome\` item ${item} of source ${q(id)} matches no line of ${q(file)} that is not already set aside.`,
    hint: 'Copy the line as the document has it (only white space may differ), or correct the pattern: either must match a whole line (a whole block in HTML, Markdown and PDF documents). Remove the item if the document no longer has the line.',
  },
  unknownSource: {
    code: 'unknown-source',
    title: 'A fact cites a source that is not in the bibliography',
    message: (factId: string, sourceId: string, known: string[]) =>
      `Fact ${q(factId)} cites the source ${q(sourceId)}, which is not in sources.yaml (known: ${known.join(', ')}).`,
    hint: 'Use one of the known source ids, or add the document and its entry to sources.yaml.',
  },
  quoteNotFound: {
    code: 'quote-not-found',
    title: 'A quote is not in the document it cites',
    message: (factId: string, sourceId: string) =>
      `The quote of fact ${q(factId)} is not in source ${q(sourceId)}.`,
    hint: 'Copy the passage verbatim from the document (only white space, quote marks and dashes may differ). The closest passage found is shown.',
  },
  locatorMismatch: {
    code: 'locator-mismatch',
    title: 'A locator disagrees with where the quote is',
    message: (factId: string, locator: string, found: string) =>
      `Fact ${q(factId)} gives the locator ${q(locator)}, but the quote is in ${found}.`,
    hint: 'Correct the locator or leave it out: the build finds the ¶ itself.',
  },
  unknownTopic: {
    code: 'unknown-topic',
    title: 'A fact names a brief that has no template',
    message: (factId: string, topic: string, known: string[]) =>
      `Fact ${q(factId)} has the topic ${q(topic)}, but there is no brief with that id (briefs: ${known.join(', ')}).`,
    hint: 'Topics are brief ids: the names of the files in templates/briefs/ without `.md.hbs`.',
  },
  templateSyntax: {
    code: 'template-syntax',
    title: 'A template cannot be compiled',
    message: (template: string, detail: string) => `Could not compile template ${q(template)}: ${detail}`,
    hint: 'Fix the Handlebars syntax at the line shown. Only the helpers listed in the README exist.',
  },
  templateRender: {
    code: 'template-render',
    title: 'A template fails while rendering',
    message: (template: string, detail: string) => `Could not render template ${q(template)}: ${detail}`,
    hint: 'Templates run in strict mode: every variable, helper and partial must exist. See "Templates" in the README.',
  },
  unknownFact: {
    code: 'unknown-fact',
    title: 'A template names a fact that does not exist',
    message: (factId: string) => `No fact has the id ${q(factId)}.`,
    hint: 'Check the id against sources/facts.yaml (ids are kebab-case).',
  },
  frontMatterInvalid: {
    code: 'front-matter-invalid',
    title: 'A brief template has missing or wrong front matter',
    message: (template: string, detail: string) => `The front matter of ${q(template)} is not valid: ${detail}`,
    hint: 'Start each brief template with `---`, then `title:` (required), `subtitle:` and `summary:`, then `---`.',
  },
  unknownCitation: {
    code: 'unknown-citation',
    title: 'A footnote reference names no fact',
    message: (label: string) => `The footnote reference [^${label}] names no fact.`,
    hint: 'Cite facts with the `fact` or `cite` helpers instead of writing footnotes by hand.',
  },
  briefNotFound: {
    code: 'brief-not-found',
    title: 'No brief templates',
    message: (dir: string) => `No brief templates (*.md.hbs) were found in ${q(dir)}.`,
    hint: 'Each brief is a file templates/briefs/<brief-id>.md.hbs.',
  },
  browserNotFound: {
    code: 'browser-not-found',
    title: 'No Chromium or Chrome to render PDFs',
    message: () => 'No Chromium or Chrome browser was found to render the PDFs.',
    hint: 'Install one (`apt-get install -y chromium` on Debian or Ubuntu) or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium binary.',
  },
  pdfRender: {
    code: 'pdf-render',
    title: 'The browser failed to render a brief',
    message: (brief: string, detail: string) => `Could not render the PDF of brief ${q(brief)}: ${detail}`,
    hint: 'Run the build again; if it keeps failing, run with --format html and open the HTML in a browser to see the problem.',
  },
  unsafeMarkup: {
    code: 'unsafe-markup',
    title: 'A statement holds markup the briefs leave out',
    message: (factId: string, what: string) => `Fact ${q(factId)} holds ${what}; it is left out of the brief.`,
    hint: 'Statements are Markdown: write links as [text](https://…) and leave out HTML. Nothing from a statement can run or load in a brief.',
  },
  renderBlocked: {
    code: 'render-blocked',
    title: 'A brief tried to load something from outside',
    message: (brief: string, url: string) =>
      `Brief ${q(brief)} tried to load ${q(url.length > 120 ? `${url.slice(0, 117)}…` : url)}; the render sandbox refused it.`,
    hint: 'Briefs may only use what the build inlines. Remove the link, image or stylesheet from the template or fact.',
  },
  outputLocked: {
    code: 'output-locked',
    title: 'Another build holds the output folder',
    message: (dir: string, seconds: number) =>
      `Another build is writing to ${q(dir)}; waited ${seconds} s for it to finish.`,
    hint: 'Wait for the other build to end and run this one again. If no build is running, delete the lock folder `.build.lock` in the output folder.',
  },
  interrupted: {
    code: 'interrupted',
    title: 'The build was interrupted',
    message: (signal: string) => `The build was interrupted (${signal}); the previous output was left as it was.`,
    hint: 'Run the build again when you are ready.',
  },
  outputWrite: {
    code: 'output-write',
    title: 'An output file cannot be written',
    message: (file: string, detail: string) => `Could not write ${q(file)}: ${detail}`,
    hint: 'Check that the output directory is writable and the disk has space. Files already there were left as they were.',
  },
  speakerWordsNotFound: {
    code: 'speaker-words-not-found',
    title: "A speaker's words are not in the fact's quotes",
    message: (factId: string) => `The \`speaker.words\` of fact ${q(factId)} are not part of any of its quotes.`,
    hint: 'Copy the words the person or body said from one of the fact\'s quotes, verbatim; for reported speech ("X claimed that …") leave `words` out.',
  },
  chartRender: {
    code: 'chart-render',
    title: 'A chart cannot be drawn',
    message: (chart: string, detail: string) => `Could not draw the chart ${q(chart)}: ${detail}`,
    hint: 'Charts come from the `figureChart` helper; do not write chart blocks by hand. If the helper made it, this is a bug: report it with the brief.',
  },
  factUnused: {
    code: 'fact-unused',
    title: 'A fact is not used by a brief it names',
    message: (factId: string, briefs: string[]) =>
      `Fact ${q(factId)} names ${briefs.length === 1 ? 'the brief' : 'the briefs'} ${briefs.map(q).join(', ')} in \`topics\`, but ${briefs.length === 1 ? 'that brief does' : 'those briefs do'} not use it.`,
    hint: 'Use the fact in the brief (a helper or a `facts` list in its template), or remove the brief from the fact\'s `topics`.',
  },
  paragraphUncited: {
    code: 'paragraph-uncited',
    title: 'A paragraph of a brief has no note',
    message: (text: string) => `This paragraph of the brief has no note: ${q(text)}.`,
    hint: 'State facts with the helpers (`fact`, `cite` …) so each paragraph and list item carries a note. Text about the collection itself can be marked with <!-- uncited --> on the line before it.',
  },
  figurePeriodMissing: {
    code: 'figure-period-missing',
    title: 'A figure does not say which year it describes',
    message: (factId: string) => `The figure of fact ${q(factId)} has no \`period\`.`,
    hint: 'Add `period:` with the year the figure describes (the June 2011 report describes 2010), a range such as 2017-2021, or `unstated` where the source gives none (and say so in `note`).',
  },
  figureNotInQuote: {
    code: 'figure-not-in-quote',
    title: "A figure's value does not appear in its quotes",
    message: (factId: string, value: string) => `The figure of fact ${q(factId)} has the value ${value}, which none of its quotes contains.`,
    hint: 'Check the number against the source: the value must be one the quoted passage states (in digits or words).',
  },
} as const satisfies Record<string, DiagnosticData<any[]>>;

export type DiagnosticCode = (typeof codes)[keyof typeof codes]['code'];
