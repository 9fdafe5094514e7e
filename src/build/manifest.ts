import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'safe-stable-stringify';
import { z } from 'zod';

/** What one output was built from. */
export const manifestEntrySchema = z.strictObject({
  /** The brief it renders. */
  brief: z.string(),
  /** `html`, `pdf` or `docx`. */
  format: z.enum(['html', 'pdf', 'docx']),
  /** Input key (a project path, `path#id`, `option:…`, `tool`, `browser`) → digest or value. */
  inputs: z.record(z.string(), z.string()),
  /** What the brief used, so the next build knows what to look at. */
  deps: z.strictObject({ facts: z.array(z.string()), sources: z.array(z.string()) }),
  /** sha256 of the file as written. */
  digest: z.string(),
  /** The browser's version, for PDFs. */
  browser: z.string().optional(),
});

/** The build manifest, `output/build-manifest.json`. */
export const manifestSchema = z.strictObject({
  version: z.literal(1),
  /** Fact id → digest, for the facts of the edition in output/. */
  facts: z.record(z.string(), z.string()),
  /** The facts of the edition before it (what CHANGES.md compares with). */
  previousFacts: z.record(z.string(), z.string()).optional(),
  /** Output path (relative to the output folder) → entry. */
  outputs: z.record(z.string(), manifestEntrySchema),
  /**
   * Project path → digest of sources.yaml, facts.yaml and each document, as this build checked
   * them: a later build that rebuilds nothing checks them again when one differs.
   */
  checked: z.record(z.string(), z.string()).optional(),
  /** The snapshot's reading of sources.yaml and facts.yaml (see snapshot.ts), by their digests. */
  yaml: z
    .strictObject({
      sourcesDigest: z.string(),
      factsDigest: z.string(),
      sources: z.record(z.string(), z.tuple([z.string(), z.string()])),
      facts: z.record(z.string(), z.tuple([z.string(), z.array(z.string())])),
    })
    .optional(),
});

export type Manifest = z.output<typeof manifestSchema>;
export type ManifestEntry = z.output<typeof manifestEntrySchema>;

export const manifestName = 'build-manifest.json';

/** Read the manifest; undefined when there is none or it is not valid (everything rebuilds). */
export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  try {
    const result = manifestSchema.safeParse(JSON.parse(await readFile(path.join(outDir, manifestName), 'utf8')));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** The manifest's bytes: canonical JSON (sorted keys) so it is deterministic too. */
export function serializeManifest(manifest: Manifest): string {
  return `${stringify(manifest, null, 2)}\n`;
}
