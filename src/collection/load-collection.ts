import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { attachTexts } from '../build/texts.js';
import { BuildError, codes, reportError } from '../diagnostics/index.js';
import { readYaml, validateYaml } from '../yaml/index.js';
import { collectionFile, collectionSchema, type Collection, type CollectionEntry } from './schema.js';

const stage = 'collection';

/** Largest logo inlined into every brief. */
const maxLogoBytes = 512 * 1024;

/** What briefs.yaml gave, as written, and the collection made from it. */
export interface LoadedCollection {
  readonly entry: CollectionEntry;
  readonly collection: Collection;
}

/** The collection a root without briefs.yaml gets. */
export function defaultCollection(entry: CollectionEntry = collectionSchema.parse({})): Collection {
  const title = entry.title;
  return {
    title,
    ...(entry.subtitle ? { subtitle: entry.subtitle } : {}),
    ...(entry.organisation ? { organisation: entry.organisation } : {}),
    author: entry.author ?? entry.organisation ?? title,
    lang: entry.lang,
    ...(entry.accent ? { accent: entry.accent } : {}),
    ...(entry.licence ? { licence: entry.licence } : {}),
    ...(entry.contact ? { contact: entry.contact } : {}),
    ...(entry.site ? { site: entry.site } : {}),
    pack: { title: entry.pack?.title ?? title, file: entry.pack?.file ?? 'briefs-handout.pdf' },
    order: entry.briefs ?? [],
    metrics: new Map((entry.metrics ?? []).map((metric) => [metric.name, { label: metric.label, unit: metric.unit }])),
  };
}

/**
 * Read `<root>/briefs.yaml` (YAML with positions, validated with Zod) into the collection; a
 * root without one gets the defaults. Problems are a BuildError located at
 * `briefs.yaml:line:column`: an unknown key (with "did you mean"), a bad value, a duplicated
 * metric, a logo that is missing, outside the collection, too large or not SVG.
 */
export function loadCollection(root: string): LoadedCollection {
  const file = path.join(root, collectionFile);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const entry = collectionSchema.parse({});
    return { entry, collection: defaultCollection(entry) };
  }
  const vfile = new VFile({ path: file, value: text });
  const fail = () => new BuildError(vfile.messages.filter((message) => message.fatal === true));
  const yaml = readYaml(vfile, stage);
  // An empty file is a collection with every default.
  const entry = yaml && (yaml.data() === null || yaml.data() === undefined ? collectionSchema.parse({}) : validateYaml(yaml, collectionSchema, stage, () => 'The collection file'));
  if (!yaml || !entry) throw withText(fail(), file, text);
  const seen = new Set<string>();
  (entry.metrics ?? []).forEach((metric, index) => {
    if (seen.has(metric.name)) reportError(vfile, codes.duplicateId, ['metric', metric.name], { place: yaml.locate(['metrics', index, 'name']), stage });
    seen.add(metric.name);
  });
  let logo: string | undefined;
  if (entry.logo) {
    const place = yaml.locate(['logo']);
    const problem = (detail: string) => reportError(vfile, codes.collectionLogo, [entry.logo!, detail], { place, stage });
    const logoPath = path.resolve(root, entry.logo);
    try {
      const real = realpathSync(logoPath);
      const relative = path.relative(realpathSync(root), real);
      if (relative.startsWith('..') || path.isAbsolute(relative)) problem('it is outside the collection');
      else if (!statSync(real).isFile()) problem('it is not a file');
      else if (statSync(real).size > maxLogoBytes) problem(`it is larger than ${maxLogoBytes / 1024} KB`);
      else {
        const svg = readFileSync(real, 'utf8');
        if (!/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/i.test(svg)) problem('it is not an SVG image (it must start with <svg>)');
        else logo = svg;
      }
    } catch {
      problem('it does not exist');
    }
  }
  if (vfile.messages.some((message) => message.fatal === true)) throw withText(fail(), file, text);
  const collection = { ...defaultCollection(entry), ...(logo ? { logo } : {}), file };
  return { entry, collection };
}

/** Attach the file's text to the error, for code frames. */
const withText = (error: BuildError, file: string, text: string) => attachTexts(error, new Map([[file, text]]));
