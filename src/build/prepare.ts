import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { createCiter, readCitationStyle, type CitationStyle, type Citer } from '../cite/index.js';
import { checkConflicts, checkDisagreementsShown, findConflicts, findDroppedFacts, loadTemplates, renderBrief, formatIsoDate, withLayout, type TemplateSet } from '../compose/index.js';
import { UsageError, resolveTemplate, type Config } from '../config/index.js';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';
import { attachMetrics, checkDates, checkStatementMarkup, checkStatements, loadFacts, verifyQuotes, type VerifiedFact } from '../facts/index.js';
import { folderCache, readSources, type SourceCollection } from '../ingest/index.js';
import { createProcessor, markdownToHtml, type BriefHtmlBody, type FrontMatter } from '../markdown/index.js';
import type { BriefMarkdown } from '../compose/index.js';
import type { FormattedCitations } from '../cite/index.js';
import { documentRenderer, layoutChrome, loadFontCss, selfContainedCss, type HtmlParts } from '../render/index.js';
import { onlineCopy } from '../render/html/qr-code.js';
import { orderBriefs } from '../collection/order.js';
import { unknownBriefsMessage } from '../diagnostics/suggest.js';
import { heldSourceWarnings } from './held-sources.js';
import { toolDigest } from './snapshot.js';
import { folderResultCache } from '../cache/index.js';
import { attachTexts } from './texts.js';
import { lintBriefs } from '../lint/index.js';
import type { YamlMemo } from '../yaml/index.js';

/** A brief ready to print: the full HTML document and what it came from. */
export interface PreparedBrief {
  readonly briefId: string;
  readonly matter: FrontMatter;
  /** The complete, self-contained HTML document, in pieces (the fonts one of them; joinHtml). */
  readonly html: HtmlParts;
  /** The brief's body alone (HTML fragment), for the handout pack. */
  readonly body: string;
  readonly citations: FormattedCitations;
  /** Fact ids the brief uses, in order. */
  readonly usedFacts: readonly string[];
  /** Source ids the brief cites. */
  readonly citedSources: readonly string[];
}

/** Everything short of the PDFs: sources read, quotes verified, briefs rendered to HTML. */
export interface Prepared {
  readonly sources: SourceCollection;
  readonly facts: ReadonlyMap<string, VerifiedFact>;
  readonly templates: TemplateSet;
  readonly style: CitationStyle;
  /** The build's citation formatter (one citeproc-js engine for every brief and page). */
  readonly citer: Citer;
  readonly briefs: readonly PreparedBrief[];
  /** The CSS of templates/styles and the inlined fonts, for documents made from several briefs. */
  readonly css: string;
  readonly fontCss: string;
  /** Warnings (nothing fatal: fatal problems throw a BuildError). */
  readonly warnings: readonly VFileMessage[];
  /**
   * The editorial lint (attribution or a qualifier dropped, "quotes" of a paraphrase, paragraphs
   * without a note …): `briefs check` lists it among `warnings`; a build only counts it.
   */
  readonly lint: readonly VFileMessage[];
  /** Text of the files messages point into, for code frames. */
  readonly texts: ReadonlyMap<string, string>;
}

function stopOnFatal(messages: readonly VFileMessage[], texts: Map<string, string>): void {
  if (messages.some((message) => message.fatal === true)) {
    throw attachTexts(new BuildError(messages), texts);
  }
}


/**
 * Let the event loop run between two long steps: the browser, starting meanwhile, waits on this
 * process for every reply (its pages open and the first briefs print while the rest is prepared).
 * A timer, not setImmediate: a continuation run from the check phase could go on before the
 * loop polls for the browser's messages again; one run from the timers phase cannot.
 */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Run the pipeline up to complete HTML documents. Checks for fatal problems between stages
 * and throws a BuildError carrying all of them; nothing is written.
 */
export async function prepare(
  config: Config,
  options: {
    readonly documents?: boolean;
    readonly yaml?: YamlMemo;
    /**
     * Called with each brief as soon as its document is ready, so it can be printed while the
     * next is prepared. A brief handed over may still be part of a failed build (a later brief
     * has a fatal problem): nothing of the build may be written before prepare returns, but the
     * brief itself (watch mode writes it at once): it passed its own checks and the collection's.
     */
    readonly onBrief?: (brief: PreparedBrief) => void | Promise<void>;
    /**
     * Called with each brief as soon as it may be laid out (before `onBrief`): the first may
     * come before the collection's checks have run, so nothing may be written from it.
     */
    readonly onLayOut?: (brief: PreparedBrief) => void | Promise<void>;
    /** Called with the fonts the documents will share as soon as they are read, before the first brief. */
    readonly onFonts?: (fontCss: string) => void;
    /**
     * Briefs to turn into HTML (and hand over) before the others: those out of date, in a
     * rebuild that prepares every brief for the pack and the site. The briefs come back in
     * the collection's order all the same.
     */
    readonly first?: ReadonlySet<string>;
    /** The tool's digest (the build's snapshot has it; else it is read here): it keys the result cache. */
    readonly tool?: string;
  } = {},
): Promise<Prepared> {
  // `briefs check` needs the briefs rendered, not their full documents (fonts, layout).
  const documents = options.documents ?? true;
  // Each the collection's own file where it has one, else the tool's (defaults/templates/).
  const [layoutPath, stylePath, localePath] = await Promise.all([
    resolveTemplate(config, 'layouts/brief.html.hbs'),
    resolveTemplate(config, `csl/${config.citationStyle}.csl`),
    resolveTemplate(config, `csl/locales-${config.locale}.xml`),
  ]);
  const missing = await missingFiles([config.factsPath, layoutPath, stylePath, localePath]);
  if (missing.length > 0) {
    throw new BuildError(
      missing.map((file) => Object.assign(createMessage(codes.fileMissing, [file], { stage: 'build' }), { file })),
    );
  }
  // The fonts are read while the sources are (a brief's full document needs them, a check does not).
  const fontsLoading = documents ? loadFontCss() : Promise.resolve('');
  fontsLoading.catch(() => undefined);
  // Charts drawn, notes formatted, YAML and Markdown parsed before, from the same inputs, are not made again.
  const results = folderResultCache(path.join(config.root, '.cache', 'briefs', 'results'), options.tool ?? (await toolDigest()));
  const [sources, templates, factsFile] = await Promise.all([
    readSources(config.sources, { cache: folderCache(path.join(config.root, '.cache', 'briefs')), yaml: options.yaml, results }),
    loadTemplates(config.templates),
    loadFacts(config.factsPath, { yaml: options.yaml, results }),
  ]);
  const texts = new Map(sources.texts);
  texts.set(config.factsPath, String(factsFile.file.value));
  const messages: VFileMessage[] = [...sources.messages, ...(await heldSourceWarnings(config.out, sources))];

  if (templates.briefs.size === 0) {
    messages.push(createMessage(codes.briefNotFound, [config.templates], { stage: 'compose' }));
  }
  // Without a stylesheet the PDFs would still print, unstyled: refuse rather than ship that.
  if (templates.styles.size === 0) {
    const stylesDir = path.join(config.templates, 'styles');
    messages.push(Object.assign(createMessage(codes.stylesNotFound, [stylesDir], { stage: 'build' }), { file: stylesDir }));
  }
  stopOnFatal([...messages, ...factsFile.file.messages], texts);

  const briefIds = orderBriefs([...templates.briefs.keys()], config.collection.order);
  const unknown = config.briefs.filter((id) => !templates.briefs.has(id));
  if (unknown.length > 0) {
    throw new UsageError(unknownBriefsMessage(unknown, briefIds));
  }
  for (const fact of factsFile.facts.values()) {
    for (const topic of fact.topics) {
      if (!templates.briefs.has(topic)) {
        factsFile.file.messages.push(
          Object.assign(createMessage(codes.unknownTopic, [fact.id, topic, briefIds], { stage: 'facts', place: fact.place }), {
            file: config.factsPath,
          }),
        );
      }
    }
  }
  await breathe();
  const facts = verifyQuotes(attachMetrics(factsFile.facts, config.collection.metrics, factsFile.file), sources.docs, factsFile.file);
  // The checks of the collection as a whole (below) change nothing a brief is made from: in a
  // build, they run once the first brief is handed over, so the browser lays it out meanwhile.
  // Their verdict is the same as if they had run first: what they stop, nothing is written of.
  const checkCollection = () => {
    // Nothing said that the quotes do not say: the statements' numbers, dates, tiers and articles.
    checkStatements(facts, sources.docs, factsFile.file);
    checkDates(factsFile.facts.values(), config.edition, factsFile.file);
    checkStatementMarkup(factsFile.facts.values(), factsFile.file);
    // Sources that disagree are shown, never settled: a disagreement nobody acknowledged stops here.
    factsFile.file.messages.push(...checkConflicts(findConflicts(facts.values(), config.language), config.factsPath));
    stopOnFatal([...messages, ...factsFile.file.messages], texts);
    messages.push(...factsFile.file.messages);
  };

  // What the briefs are made with. (What fails here is reported after what the collection's
  // checks stop, as when they ran first.)
  const setUp = async () => {
    const style = await readCitationStyle(config.templates, config.citationStyle, config.locale);
    const layout = templates.layouts.get('brief');
    if (!layout) throw new BuildError([Object.assign(createMessage(codes.fileMissing, [layoutPath], { stage: 'build' }), { file: layoutPath })]);
    // Styles are inlined without what they would load from outside (@import, url()): warned, left out.
    const { css, messages: cssMessages } = selfContainedCss(templates.styles.values());
    const fontCss = await fontsLoading;
    if (documents) options.onFonts?.(fontCss);
    return { style, layout, css, cssMessages, fontCss, citer: createCiter(sources.docs, style, results) };
  };
  let ready: Awaited<ReturnType<typeof setUp>>;
  try {
    ready = await setUp();
  } catch (error) {
    checkCollection();
    throw error;
  }
  const { style, layout, css, cssMessages, fontCss, citer } = ready;
  const selected = orderBriefs(config.briefs.length > 0 ? config.briefs : briefIds, config.collection.order);
  const edition = formatIsoDate(config.edition, config.language);
  // The collection's title, logo, accent … and the interface words, for the layout.
  const chrome = layoutChrome(config.collection, config.language);
  const placeInLayout = documentRenderer(layout, chrome);
  const processor = createProcessor({ language: config.language });
  // The briefs out of date first (a rebuild prepares every brief for the pack and the site).
  // Each brief's Markdown (Handlebars), then its body (unified), then its document.
  const markdown: BriefMarkdown[] = [];
  const compose = (index: number): BriefMarkdown =>
    (markdown[index] ??= renderBrief(templates.briefs.get(selected[index]!)!, { templates, facts, docs: sources.docs, edition: config.edition, language: config.language }));
  const made = new Map<number, { readonly body: BriefHtmlBody; readonly prepared: PreparedBrief | undefined }>();
  const make = async (index: number) => {
    const brief = compose(index);
    const body = await markdownToHtml(brief, processor, {
      knows: (id) => facts.has(id),
      format: (groups) => citer.notes(groups.map((ids) => ids.map((id) => facts.get(id)!))),
      evidence: config.evidence,
    }, { drawCharts: documents, cache: results });
    const done = { body, prepared: await document(brief, body) };
    made.set(index, done);
    return done;
  };
  const document = async (brief: BriefMarkdown, body: BriefHtmlBody): Promise<PreparedBrief | undefined> => {
    if (body.file.messages.some((message) => message.fatal === true)) return undefined;
    const matter = body.matter!;
    // Nothing curated may vanish: every fact of the brief's topic printed, or omitted with a reason.
    const template = templates.briefs.get(body.briefId)!;
    const dropped = [
      ...findDroppedFacts({ ...brief, templatePath: template.path, templateSource: template.source, omit: matter.omit }, facts, config.factsPath),
      ...checkDisagreementsShown({ ...brief, templatePath: template.path }, facts.values(), config.language),
    ];
    body.file.messages.push(...dropped);
    if (dropped.some((message) => message.fatal === true)) return undefined;
    const citations = body.citations ?? { notes: [], bibliography: [] };
    // Where the collection has a site: the address of the brief's HTML edition, printed with a QR code.
    const online = documents ? await onlineCopy(config.collection.site, `${body.briefId}.html`) : null;
    return {
      briefId: body.briefId,
      matter,
      citations,
      usedFacts: brief.usedFacts,
      citedSources: citations.bibliography.map((entry) => entry.sourceId),
      body: String(body.file.value),
      html: !documents
        ? []
        : withLayout(layout.path, () =>
            placeInLayout({
              briefId: body.briefId,
              matter,
              body: String(body.file.value),
              css,
              fontCss,
              edition,
              editionIso: config.edition,
              paper: config.paper,
              online,
            }),
          ),
    };
  };

  // (A failure making a brief is thrown where it would have been: after the checks, at its turn.)
  let failed: { readonly error: unknown } | undefined;
  // Every brief's Markdown first: how long each is orders them.
  const order = [...selected.keys()];
  try {
    await breathe();
    for (const index of order) compose(index);
  } catch (error) {
    failed = { error };
  }
  // The briefs out of date first (a rebuild prepares every brief for the pack and the site),
  // then the longest: the brief that takes longest to lay out starts first, and the shorter
  // ones fill the other pages beside it.
  const first = options.first;
  const length = (index: number) => String(markdown[index]?.file.value ?? '').length;
  order.sort((a, b) => Number(first?.has(selected[b]!) ?? false) - Number(first?.has(selected[a]!) ?? false) || length(b) - length(a) || a - b);
  // The first brief goes to the browser before the collection's checks, once every quote is
  // verified and it passes its own checks. (Its messages then wait: the Markdown's with the
  // other briefs', as if it had not been made yet.)
  const ahead = !failed && options.onLayOut && !factsFile.file.messages.some((message) => message.fatal === true) ? order[0] : undefined;
  let composed: number | undefined;
  if (ahead !== undefined) {
    try {
      const brief = compose(ahead);
      composed = brief.file.messages.length;
      if (!brief.file.messages.some((message) => message.fatal === true)) {
        await breathe();
        const { prepared } = await make(ahead);
        if (prepared) await options.onLayOut?.(prepared);
      }
    } catch (error) {
      failed = { error };
    }
  }
  checkCollection();
  messages.push(...cssMessages);

  await breathe();
  // (A brief whose Markdown failed above fails again here, as it did before the checks moved.)
  for (const index of selected.keys()) compose(index);
  for (const brief of markdown) texts.set(brief.file.path, templates.briefs.get(brief.briefId)?.source ?? '');
  for (const partial of templates.partials.values()) texts.set(partial.path, partial.source);
  stopOnFatal([...messages, ...markdown.flatMap((brief, index) => (index === ahead ? brief.file.messages.slice(0, composed) : brief.file.messages))], texts);
  if (failed) throw failed.error;
  // `briefs check` lists the lint (facts no brief uses, paragraphs without a note, figures
  // without a period); a build only counts it. Both run it once every brief is parsed, on the
  // Markdown's trees (in a build, after the briefs are handed over: the browser lays the first
  // brief out meanwhile).
  const bodies: BriefHtmlBody[] = [];
  // (In a build, the briefs' files hold their HTML by then: the lint reads the Markdown's trees.)
  const lintNow = () => {
    const trees = new Map(bodies.map((body) => [body.briefId, body.markdown]));
    return lintBriefs({ facts, factsPath: config.factsPath, briefs: markdown.map((brief) => ({ ...brief, tree: trees.get(brief.briefId) })) });
  };
  // (Where a check's lint goes among the messages: it runs once the trees are parsed, below.)
  const lintAt = messages.length;

  await breathe();
  const briefs: PreparedBrief[] = [];
  for (const index of order) {
    const handed = made.get(index);
    const { body, prepared } = handed ?? (await make(index));
    bodies.push(body);
    if (!prepared) continue;
    briefs.push(prepared);
    if (!handed) await options.onLayOut?.(prepared);
    if (options.onBrief) {
      // (Awaited: what it starts, such as writing the brief in watch mode, is done before the next brief.)
      await options.onBrief(prepared);
      // Let the browser's replies in between two briefs: the briefs handed over print meanwhile.
      await breathe();
    }
  }
  // In the collection's order again (the pack and the site list them so, and the messages come
  // so), whatever went first.
  const position = new Map(selected.map((id, index) => [id, index]));
  const inOrder = (a: { readonly briefId: string }, b: { readonly briefId: string }) => position.get(a.briefId)! - position.get(b.briefId)!;
  briefs.sort(inOrder);
  bodies.sort(inOrder);
  const lint = lintNow();
  if (!documents) messages.splice(lintAt, 0, ...lint);
  stopOnFatal([...messages, ...bodies.flatMap((body) => body.file.messages)], texts);

  const warnings = [...messages, ...bodies.flatMap((body) => body.file.messages)].filter((message) => message.fatal !== true);
  return { sources, facts, templates, style, citer, briefs, css, fontCss, warnings, lint: documents ? lint : [], texts };
}

/** The files of `files` that cannot be read. */
async function missingFiles(files: readonly string[]): Promise<string[]> {
  // A folder where a file should be (facts.yaml made a directory) is as missing as no file.
  const readable = async (file: string) => (await stat(file)).isFile() && (await access(file, constants.R_OK), true);
  const checks = await Promise.all(files.map((file) => readable(file).then((ok) => (ok ? undefined : file), () => file)));
  return checks.filter((file): file is string => file !== undefined);
}
