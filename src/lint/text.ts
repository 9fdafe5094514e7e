/** A word of a text, with where it is. */
export interface WordAt {
  /** As written. */
  readonly word: string;
  /** Its stem (see `stem`). */
  readonly stem: string;
  readonly start: number;
  readonly end: number;
}

/** Words that carry no content of their own: never evidence that two passages say the same. */
export const stopwords: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor of in on at to for from by with as into onto than then that this these those there their they them ' +
    'it its is are was were be been being has have had do does did not no so such which who whom whose what when where while ' +
    'would could should will shall may might must can also very more most some many much few any all each every both other ' +
    'about over under after before during between through against among upon within without however nonetheless further ' +
    'furthermore despite although though whereas because since until unless if yet still even only just well'
  ).split(' '),
);

/**
 * A word's stem for comparing passages: lower case, no possessive or plural -s, British `-our`
 * as `-or`, then its first five letters, which is where "organised" and "organized", "shelters" and
 * "shelter", "criticised" and "criticized" agree.
 */
export function stem(word: string): string {
  const lower = word.toLowerCase().replace(/['’]s?$/, '');
  const singular = lower.length > 3 && /[^s]s$/.test(lower) ? lower.slice(0, -1) : lower;
  const american = singular.length > 5 ? singular.replace(/our/, 'or') : singular;
  return american.slice(0, 5);
}

/** The words of a text (letters and digits; a hyphen or an apostrophe-s ends a word). */
export function wordsOf(text: string): WordAt[] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:['’]s\b)?/gu)].map((match) => ({
    word: match[0],
    stem: stem(match[0]),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Whether a word is content: four letters or more, not a stop word. */
export const isContent = (word: string): boolean => word.length >= 4 && !stopwords.has(word.toLowerCase()) && !/^\d+$/.test(word);

/** The sentences of a passage, with their offsets. */
export function sentencesOf(text: string): { readonly text: string; readonly start: number }[] {
  const sentences: { text: string; start: number }[] = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?]["”’)]?\s+(?=["“(]?[A-Z])/g)) {
    const end = match.index + match[0].length;
    sentences.push({ text: text.slice(start, end), start });
    start = end;
  }
  if (start < text.length) sentences.push({ text: text.slice(start), start });
  return sentences;
}

/** Shorten a passage for a message. */
export const clip = (text: string, length = 80): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
};
