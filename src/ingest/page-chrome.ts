/**
 * Page chrome: lines a web page adds around the document (cookie and script notices,
 * navigation, a republisher's header and disclaimer). They are set aside on ingest so no
 * fact can quote them, and kept with the document so a curator can see what was dropped.
 */

/** A line set aside as page chrome. */
export interface ChromeLine {
  /** 1-based line number in the document. */
  readonly line: number;
  /** The line's text. */
  readonly text: string;
  /** Which rule set it aside. */
  readonly rule: string;
}

interface LineRule {
  readonly rule: string;
  readonly pattern: RegExp;
}

// Single lines that are chrome wherever they appear.
const lineRules: readonly LineRule[] = [
  { rule: 'javascript-notice', pattern: /^Sorry, you need to enable JavaScript to visit this website\.?$/i },
  { rule: 'skip-link', pattern: /^Skip to (main )?content$/i },
  { rule: 'refworld-search', pattern: /^Search Refworld$/i },
];

// Refworld republishes reports under a header block: "Last Updated: …" down to its disclaimer.
const refworldHeaderStart = /^Last Updated: .+ GMT$/;
const refworldHeaderEnd = /^Disclaimer\s*This is not a UNHCR publication\b/;

/** Find the chrome lines of a normalised document (lines split on `\n`). */
export function findPageChrome(lines: readonly string[]): ChromeLine[] {
  const chrome: ChromeLine[] = [];
  const firstText = lines.findIndex((line) => line.trim() !== '');
  if (firstText >= 0 && refworldHeaderStart.test(lines[firstText]!.trim())) {
    const end = lines.findIndex((line, index) => index > firstText && refworldHeaderEnd.test(line.trim()));
    if (end > firstText && end - firstText < 20) {
      for (let index = firstText; index <= end; index++) {
        const text = lines[index]!.trim();
        if (text !== '') chrome.push({ line: index + 1, text, rule: 'refworld-header' });
      }
    }
  }
  lines.forEach((raw, index) => {
    const text = raw.trim();
    const hit = lineRules.find(({ pattern }) => pattern.test(text));
    if (hit) chrome.push({ line: index + 1, text, rule: hit.rule });
  });
  return chrome.sort((a, b) => a.line - b.line);
}
