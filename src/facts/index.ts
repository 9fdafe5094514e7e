export { loadFacts } from './load-facts.js';
export type { Fact, FactCitation, FactsFile } from './load-facts.js';
export { verifyQuotes } from './verify-quotes.js';
export type { QuoteMatch, VerifiedCitation, VerifiedFact } from './verify-quotes.js';
export { findClosestPassage } from './closest-passage.js';
export type { ClosestPassage } from './closest-passage.js';
