export { listSources, citingFacts, locatorText } from './list-sources.js';
export type { CitingFact, SourceSummary } from './list-sources.js';
export { briefCoverage, coverage, documentCoverage, juneRule, latestPublishedReport, reportYearCoverage } from './coverage.js';
export type { BriefCoverage, Coverage, CoveredYear, DocumentCoverage, PageRef, ReportYearCoverage, UncuratedDocument } from './coverage.js';
export { formatRanges, toRanges } from './format-ranges.js';
export type { Range } from './format-ranges.js';
export type { CurationBrief, CurationDoc, CurationFact, CurationInput } from './types.js';
