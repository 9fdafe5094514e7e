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
 * words, then the best few by edit distance (fastest-levenshtein); of a sentence much longer
 * than the quote, the run of words of about the quote's length that is most like it.
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
  const similarity = (text: string) => {
    const folded = fold(text);
    return 1 - distance(folded, target) / Math.max(folded.length, target.length, 1);
  };
  const size = target.split(' ').length;
  let best: ClosestPassage | undefined;
  for (const candidate of candidates.slice(0, 25)) {
    let text = candidate.text;
    let score = similarity(text);
    // A short quote of a long sentence: the run of words of about its length that is most like it.
    const tokens = text.split(' ');
    if (tokens.length > size * 1.3 + 2) {
      for (let length = Math.max(1, size - 1); length <= size + 1; length++) {
        for (let start = 0; start + length <= tokens.length; start++) {
          const window = tokens.slice(start, start + length).join(' ');
          const windowScore = similarity(window);
          if (windowScore > score) {
            score = windowScore;
            text = window;
          }
        }
      }
    }
    if (!best || score > best.similarity) best = { paragraph: candidate.paragraph, text, similarity: score };
  }
  return best;
}
