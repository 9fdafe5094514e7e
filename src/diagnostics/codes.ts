import { didYouMean } from './suggest.js';

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

/** `: did you mean "victims-identified"?` for the known value nearest a typo (none when none is near). */
const didYouMeanText = (value: string, known: readonly string[]) => {
  const near = didYouMean(value, known);
  return near !== undefined ? `: did you mean ${q(near)}?` : '';
};

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
    message: (factId: string, known: readonly string[] = []) => `No fact has the id ${q(factId)}${didYouMeanText(factId, known) || '.'}`,
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
    // No longer raised: `fact-not-printed` (an error) replaced this warning. Codes are permanent.
    title: 'A fact is not used by a brief it names (replaced by `fact-not-printed`)',
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
    message: (factId: string, value: string) => `The figure of fact ${q(factId)} has the value ${value}, which none of its quotes states.`,
    hint: 'Check the number against the source: the value must be one the quoted passage states, in digits or words (an amount of money with its currency, a percentage as a percentage).',
  },
  templateArgument: {
    code: 'template-argument',
    title: 'A helper is called with arguments it does not take',
    message: (helper: string, detail: string) => `The helper \`${helper}\` ${detail}`,
    hint: 'Correct the call: each helper takes only the arguments "Templates" in the README lists for it, with values of their kind (true or false, a year without quotes, text in quotes). Lists of facts come from `(facts …)`, in parentheses.',
  },
  stylesNotFound: {
    code: 'styles-not-found',
    title: 'No stylesheets in the templates',
    message: (dir: string) => `No stylesheets (*.css) were found in ${q(dir)}, so the briefs would print unstyled.`,
    hint: 'The tool\'s built-in styles (defaults/templates/styles/) are missing: reinstall it, or put the briefs\' CSS in templates/styles/.',
  },
  factNotPrinted: {
    code: 'fact-not-printed',
    title: 'A brief never prints a fact of its topic',
    message: (factId: string, briefId: string, how: string) =>
      `Fact ${q(factId)} names the brief ${q(briefId)} in \`topics\`, but the brief never prints its statement: ${how}.`,
    hint: 'Print the statement with a helper that writes it (`fact`, `prose`, `timeline full=true`, `quotation` …), list the fact under `omit:` in the brief\'s front matter with the reason (`omit: { fact-id: "why" }`), or remove the brief from the fact\'s `topics`.',
  },
  factNoteNotPrinted: {
    code: 'fact-note-not-printed',
    title: "A brief prints a fact but not its caveat",
    message: (factId: string, briefId: string) =>
      `The brief ${q(briefId)} prints fact ${q(factId)} but not its \`note\` (caveat): the helpers that print it (\`point\`, a table cell) leave caveats out.`,
    hint: 'State the fact in full somewhere in the brief (`fact`, `prose` …: the caveat follows its statement), or put it in a table whose caveats are listed under it.',
  },
  omitUnknownFact: {
    code: 'omit-unknown-fact',
    title: "A brief's `omit:` names a fact it has no reason to omit",
    message: (briefId: string, factId: string, why: string) => `The brief ${q(briefId)} lists ${q(factId)} under \`omit:\`, but ${why}.`,
    hint: '`omit:` is for facts of the brief\'s topic it leaves out on purpose: check the id against sources/facts.yaml, or remove the entry.',
  },
  conflictUnacknowledged: {
    code: 'conflict-unacknowledged',
    title: 'Two facts disagree and nothing says so',
    message: (subject: string, a: string, b: string) => `The facts ${a} and ${b} disagree on ${subject}, and neither acknowledges the other.`,
    hint: 'Check both against their sources. If both are right, say so: a `note` on one naming the other\'s value, or `conflicts: [other-fact-id]` on one of them. The brief then shows both answers under "Where the sources disagree"; it never picks one.',
  },
  disagreementsNotShown: {
    code: 'disagreements-not-shown',
    title: 'A brief has facts that disagree but does not show them',
    message: (briefId: string, subjects: string[]) => `The facts of the brief ${q(briefId)} disagree on ${subjects.join('; ')}, but its template has no \`{{disagreements}}\`.`,
    hint: 'Add `{{disagreements}}` to the brief template (it writes a "Where the sources disagree" part with every answer and its source), so no disagreement is smoothed over.',
  },
  statementNumberNotInQuote: {
    code: 'statement-number-not-in-quote',
    title: 'A statement gives a number, date, tier or article its quotes do not',
    message: (factId: string, token: string, orSource: boolean) =>
      `The statement of fact ${q(factId)} says ${q(token)}, which none of its quotes states${orSource ? ', nor the title or date of a source it cites' : ''}.`,
    hint: 'Correct the statement to what the quoted passage says (a number in digits or words, a date in any form), or cite the passage that says it. Where the curator derived it (the 2011 report\'s "reporting period" is 2010), add `derived: { tokens: ["2010"], why: "…" }` to the fact: the brief prints the reason.',
  },
  tierNotInQuote: {
    code: 'tier-not-in-quote',
    title: "A fact's `tip.tier` is not stated by its quotes",
    message: (factId: string, tier: string, stated: string[]) =>
      `Fact ${q(factId)} gives \`tip.tier: ${tier}\`, which none of its quotes states${stated.length > 0 ? ` (they state ${stated.join(', ')})` : ''}.`,
    hint: 'Cite the passage that places the country in this tier ("Moldova (Tier 2)"), or correct `tier`. "Tier 2" and "Tier 2 Watch List" are different tiers.',
  },
  reportYearMismatch: {
    code: 'report-year-mismatch',
    title: "A fact's `tip.report` is not the year of the TIP report it cites",
    message: (factId: string, report: number, sourceId: string, sourceYear: number) =>
      `Fact ${q(factId)} gives \`tip.report: ${report}\`, but the source it cites, ${q(sourceId)}, is the ${sourceYear} Trafficking in Persons report.`,
    hint: '`tip.report` is the year of the report the fact comes from (the report published in June 2011 is 2011): correct it, or cite the report it names.',
  },
  derivedUnneeded: {
    code: 'derived-unneeded',
    title: "A fact's `derived` names a token it need not",
    message: (factId: string, token: string, why: string) => `The \`derived\` of fact ${q(factId)} names ${q(token)}, ${why}.`,
    hint: 'List in `derived.tokens` only what the statement states and its quotes do not (the brief prints `why` as a caveat); remove the others, or the whole `derived`.',
  },
  attributionDropped: {
    code: 'attribution-dropped',
    title: 'A statement drops the attribution its quote makes',
    message: (factId: string, attribution: string) =>
      `The statement of fact ${q(factId)} states what its quote attributes (${q(attribution)}) without saying who said it.`,
    hint: 'Keep the source\'s attribution ("the police reported …", "according to one NGO …", "international experts expressed concern that …"): what a source reports others as saying is not its own finding.',
  },
  qualifierDropped: {
    code: 'qualifier-dropped',
    title: 'A statement drops a qualifier of its quote',
    message: (factId: string, quoted: string, stated: string) =>
      `The statement of fact ${q(factId)} says ${q(stated)} where its quote says ${q(quoted)}.`,
    hint: 'Keep the qualifier (over, about, nearly, more than, at least, up to, some, most, including …): "over 300 bars" is not 300 bars, and "including Moldova and Albania" not a complete list ("such as" and "among them" keep it open).',
  },
  quotesWithoutQuotation: {
    code: 'quotes-without-quotation',
    title: 'A statement says a source quotes where it paraphrases',
    message: (factId: string, word: string) =>
      `The statement of fact ${q(factId)} says ${q(word)}, but none of its quotes stands in quotation marks in its source.`,
    hint: 'Write "says", "states" or "reports" where the source gives words in its own voice; "quotes" only where it sets them in quotation marks.',
  },
  outputRestore: {
    code: 'output-restore',
    title: 'A previous output could not be put back after a failed write',
    message: (file: string, detail: string, kept: string | undefined) =>
      kept === undefined
        ? `The build failed while replacing its outputs, and the new ${q(file)} it had already put in place could not be removed again (${detail}).`
        : `The build failed while replacing its outputs, and the previous ${q(file)} could not be put back (${detail}); it is kept as ${q(kept)}.`,
    hint: 'Rename the kept file back to its name by hand (or delete the new one), or fix what stopped the write and run the build again with --force.',
  },
  sourceOutsideCollection: {
    code: 'source-outside-collection',
    title: 'A document lies outside the sources folder',
    message: (id: string, file: string, real: string) => `Source ${q(id)} names the file ${q(file)}, which is ${q(real)}: outside the sources folder.`,
    hint: 'Copy the document into sources/documents/ and name it relative to sources/ (`file: documents/…`). Documents are read only from inside the collection, through no link that leads out of it.',
  },
  sourceNotAFile: {
    code: 'source-not-a-file',
    title: 'A bibliography entry names something that is not a file',
    message: (id: string, file: string, kind: string) => `Source ${q(id)} names ${q(file)}, which is ${kind}, not a document file.`,
    hint: 'Point `file` at the document itself (for example documents/report.pdf), not at a folder or a special file.',
  },
  quoteFewWords: {
    code: 'quote-few-words',
    title: 'A quote is too short to support a statement',
    message: (factId: string, quote: string, words: number, least: number) =>
      `The quote ${q(quote)} of fact ${q(factId)} has ${words} ${words === 1 ? 'word' : 'words'}; a quote needs at least ${least} to show what the source says.`,
    hint: 'Quote the whole sentence (or clause) the statement rests on. Where a few words are all the source says (a heading such as "Moldova (Tier 2)"), say why on the fact: `short-quote: "The report states the tier in its heading."`.',
  },
  quoteAmbiguous: {
    code: 'quote-ambiguous',
    title: 'A quote is found in more than one place',
    message: (factId: string, sourceId: string, places: string[]) =>
      `The quote of fact ${q(factId)} is in source ${q(sourceId)} more than once: ${places.join(', ')}.`,
    hint: 'Give the `locator` of the passage the statement rests on (`locator: ¶ 12`, or `p. 12` in a PDF), or quote more of it so that it is found once.',
  },
  dateAfterEdition: {
    code: 'date-after-edition',
    title: "A fact's date lies after the edition date",
    message: (factId: string, date: string, edition: string) => `Fact ${q(factId)} is dated ${date}, after the edition date ${edition}.`,
    hint: 'Correct the date (a typo in the year or month?). If the source says it is still to come (a law to enter into force, a plan to end), add `planned: true` to the fact.',
  },
  externalResource: {
    code: 'external-resource',
    title: 'A brief or stylesheet names something to load from outside',
    message: (what: string, url: string) =>
      `${what === 'img' ? 'An image' : what === '@import' ? 'A stylesheet @import' : what === 'url()' ? 'A url()' : `A <${what}>`} would load ${q(url.length > 120 ? `${url.slice(0, 117)}…` : url)} from outside the brief; it was left out.`,
    hint: 'An HTML brief opened anywhere makes no request: briefs carry only what the build inlines (its fonts, its charts). Remove the image, @import or url() from the template, stylesheet or fact.',
  },
  browserStart: {
    code: 'browser-start',
    title: 'The browser to render PDFs does not start',
    message: (detail: string) => `The browser did not start: ${detail}.`,
    hint: 'Check that this browser runs (start it with --version in a terminal), or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium that does; `apt-get install -y chromium` installs one on Debian or Ubuntu. A browser that is slow to start on a busy machine may start on the next run.',
  },
  factsInBrief: {
    code: 'facts-in-brief',
    title: 'A brief gives older reports in brief and leaves some of their facts out',
    message: (briefId: string, before: number, factIds: string[]) =>
      `The brief ${q(briefId)} gives the reports before ${before} in brief (\`(reports older=…)\`): ${factIds.length === 1 ? 'one fact of them is' : `${factIds.length} facts of them are`} in its table or timeline only, or not printed: ${factIds.join(', ')}.`,
    hint: 'This is a choice of the template, to keep a brief with many report years short: the newest reports get a section each. Tag a fact `finding` to have it printed under "Earlier reports in brief", raise the number in `(reports newest=… )` and `(reports older=…)`, or give the fact its own brief.',
  },
  keyPointStale: {
    code: 'key-point-stale',
    title: 'A key point cites a report older than the newest one on its subject',
    message: (factId: string, briefId: string, report: number, newer: number, newerFact: string, subjects: string[]) =>
      `Key point ${q(factId)} of the brief ${q(briefId)} comes from the ${report} report, but the collection has the ${newer} report on the same subject (${subjects.join(', ')}): ${q(newerFact)}.`,
    hint: 'Lead with the newest evidence: make the newer fact the key point (or use `{{keyFindings}}`, which always draws on the newest report), or say in the key point why the older finding still matters.',
  },
  fetchNoAddress: {
    code: 'fetch-no-address',
    title: 'A watched source has no address to fetch',
    message: (id: string) => `Source ${q(id)} says \`fetch:\` but gives no address: it has no \`URL\` and no \`fetch.url\`.`,
    hint: 'Give the address of the live copy as `URL` (it is cited too) or as `fetch: { url: … }`, or remove `fetch:`.',
  },
  sourceHeldUpstream: {
    code: 'source-held-upstream',
    title: 'A source changed upstream in a way that breaks a quote; the build uses the pinned copy',
    message: (id: string, file: string, fetched: string, broken: number) =>
      `Source ${q(id)} changed upstream (fetched ${fetched}) and ${broken === 1 ? 'one quote' : `${broken} quotes`} no longer ${broken === 1 ? 'verifies' : 'verify'} in the new version: the briefs still cite the pinned copy, ${q(file)}.`,
    hint: 'Read output/SOURCE-DRIFT.md: correct or retire the facts whose quotes changed, then run `briefs fetch --accept` to move the pin to the new version.',
  },
  collectionLogo: {
    code: 'collection-logo',
    title: 'The logo named in briefs.yaml cannot be used',
    message: (logo: string, detail: string) => `The logo ${q(logo)} cannot be used: ${detail}.`,
    hint: 'Give `logo` the path of an SVG file inside the collection, relative to briefs.yaml (`logo: logo.svg`), or leave `logo` out.',
  },
  unknownMetric: {
    code: 'unknown-metric',
    title: "A figure's metric is not one the collection declares",
    message: (factId: string, metric: string, known: string[]) =>
      `Fact ${q(factId)} counts ${q(metric)}, which briefs.yaml does not declare${known.length > 0 ? didYouMeanText(metric, known) : ' (it declares no metrics)'}.`,
    hint: 'Declare the metric under `metrics:` in briefs.yaml (`- { name: victims-identified, label: Victims identified, unit: persons }`), or correct `figure.metric`.',
  },
} as const satisfies Record<string, DiagnosticData<any[]>>;

export type DiagnosticCode = (typeof codes)[keyof typeof codes]['code'];
