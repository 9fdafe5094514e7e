import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../diagnostics/index.js';
import type { SourceCollection } from '../ingest/index.js';

/** What a build reads of the last `briefs fetch`'s report (output/source-drift.json). */
interface HeldSource {
  readonly id: string;
  readonly pin: string;
  readonly pinned: { readonly file: string; readonly digest: string };
  readonly live?: { readonly fetched: string };
  readonly quotes: readonly { readonly status: string }[];
}

type DriftState = { readonly sources?: readonly HeldSource[] };

/**
 * Warnings for sources the last `briefs fetch` held back: their live copy changed so that a
 * quote no longer verifies, and the build still reads the pinned copy (the same one, by digest).
 * A missing or unreadable report says nothing.
 */
export async function heldSourceWarnings(outDir: string, sources: SourceCollection): Promise<VFileMessage[]> {
  let report: DriftState;
  try {
    report = JSON.parse(await readFile(path.join(outDir, 'source-drift.json'), 'utf8')) as DriftState;
  } catch {
    return [];
  }
  const warnings: VFileMessage[] = [];
  const listed: readonly HeldSource[] = Array.isArray(report.sources) ? report.sources : [];
  for (const source of listed) {
    const doc = sources.docs.get(source.id);
    if (source.pin !== 'held' || !doc || doc.digest !== source.pinned?.digest || !source.live) continue;
    const broken = source.quotes.filter((quote) => quote.status !== 'unchanged' && quote.status !== 'moved').length;
    const message = createMessage(codes.sourceHeldUpstream, [source.id, source.pinned.file, source.live.fetched.slice(0, 10), broken], {
      stage: 'ingest',
      place: { line: doc.entryLine, column: 3 },
    });
    message.fatal = false;
    message.file = sources.bibliography.path;
    warnings.push(message);
  }
  return warnings;
}
