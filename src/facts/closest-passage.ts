import { distance } from 'fastest-levenshtein';
import type { Paragraph } from '../ingest/index.js';
import { fold } from '../ingest/index.js';

/** The passage of a document most like a quote that was not found. */
export interface ClosestPassage {
  /** ¶ of the passage. */
  readonly paragraph: number;
  /** The passage (one to three sentences). */
  readonly text: string;
  /** 0…1, where 1 is identical after folding. */
  readonly similarity: number;
}

const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return (2 * shared) / (a.size + b.size);
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Find the passage closest to `quote`: windows of one to three sentences are ranked by shared
 * words, then the best few by edit distance (fastest-levenshtein).
 */
export function findClosestPassage(quote: string, paragraphs: readonly Paragraph[]): ClosestPassage | undefined {
  const target = fold(quote);
  const targetWords = words(target);
  const candidates: { paragraph: number; text: string; overlap: number }[] = [];
  for (const paragraph of paragraphs) {
    const sentences = [...segmenter.segment(paragraph.text)].map((segment) => segment.segment.trim()).filter(Boolean);
    for (let start = 0; start < sentences.length; start++) {
      for (let size = 1; size <= 3 && start + size <= sentences.length; size++) {
        const text = sentences.slice(start, start + size).join(' ');
        candidates.push({ paragraph: paragraph.n, text, overlap: dice(targetWords, words(text)) });
      }
    }
  }
  candidates.sort((a, b) => b.overlap - a.overlap);
  let best: ClosestPassage | undefined;
  for (const candidate of candidates.slice(0, 25)) {
    const folded = fold(candidate.text);
    const similarity = 1 - distance(folded, target) / Math.max(folded.length, target.length, 1);
    if (!best || similarity > best.similarity) {
      best = { paragraph: candidate.paragraph, text: candidate.text, similarity };
    }
  }
  return best;
}
