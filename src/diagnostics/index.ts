export { codes } from './codes.js';
export type { DiagnosticCode, DiagnosticData } from './codes.js';
export { BuildError, InternalError, failOnFatal } from './errors.js';
export { formatMessage, formatMessages } from './format.js';
export { diagnosticsTable, updateReadme } from './table.js';
export type { FormatOptions } from './format.js';
export { createMessage, hasFatal, reportError, reportWarning } from './report.js';
export type { DiagnosticExtras } from './report.js';
