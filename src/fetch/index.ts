export { runFetch } from './run-fetch.js';
export type { FetchResult, FetchRun } from './run-fetch.js';
export { driftJsonFile, driftMarkdownFile, fetchExit, fetchExitCode, brokenQuoteText } from './report.js';
export type { DriftReport, NewDocument, PinState, SourceDrift } from './types.js';
export { allRecords } from './archive.js';
export { archivedDate } from './archive-name.js';
export type { FetchRecord } from './archive.js';
