import type { PreparedBrief } from '../build/index.js';
import type { VerifiedCitation, VerifiedFact } from '../facts/index.js';
import type { CslItem, SourceDoc } from '../ingest/index.js';

/** What curation reads of a document (a `SourceDoc` has all of it). */
export type CurationDoc = Pick<SourceDoc, 'id' | 'path' | 'format' | 'pages' | 'digest' | 'paragraphs'> & {
  readonly bib: Pick<CslItem, 'title'>;
};

/** What curation reads of a verified fact (a `VerifiedFact` has all of it). */
export interface CurationFact extends Pick<VerifiedFact, 'id' | 'topics' | 'tip'> {
  readonly citations: ReadonlyArray<Pick<VerifiedCitation, 'source'> & { readonly match: Pick<VerifiedCitation['match'], 'paragraph' | 'locator'> }>;
}

/** What curation reads of a rendered brief (a `PreparedBrief` has all of it). */
export type CurationBrief = Pick<PreparedBrief, 'briefId' | 'usedFacts'> & { readonly matter: { readonly title: string } };

/** The part of `Prepared` (from `runCheck`) that curation reads. */
export interface CurationInput {
  readonly sources: { readonly docs: ReadonlyMap<string, CurationDoc> };
  readonly facts: ReadonlyMap<string, CurationFact>;
  readonly briefs: readonly CurationBrief[];
}
