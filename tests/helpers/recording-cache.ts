import type { ResultCache } from '../../src/cache/index.js';

/** A result cache that records each look-up (`hit`, `miss`) and each `set`, by kind, over another one. */
export function recordingCache(inner: ResultCache): { cache: ResultCache; calls: string[] } {
  const calls: string[] = [];
  const cache: ResultCache = {
    entry: (kind, inputs) => {
      const entry = inner.entry(kind, inputs);
      return {
        get: (valid) => {
          const value = entry.get(valid);
          calls.push(`${kind} ${value === undefined ? 'miss' : 'hit'}`);
          return value;
        },
        set: (value) => {
          calls.push(`${kind} set`);
          entry.set(value);
        },
      };
    },
  };
  return { cache, calls };
}
