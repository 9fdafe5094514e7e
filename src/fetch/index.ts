export { runFetch } from './run-fetch.js';
export type { FetchResult, FetchRun } from './run-fetch.js';
export { driftJsonFile, driftMarkdownFile, fetchExit, fetchExitCode, brokenQuoteText } from './report.js';
export type { DriftReport, NewDocument, PinState, SourceDrift } from './types.js';
export { allRecords, archivedDate } from './archive.js';
export type { FetchRecord } from './archive.js';
