import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pdfOptions, requiredFlags } from './chromium.js';

/** How the pipeline launches Chromium, as the floor and md-to-pdf should too. */
export interface Parity {
  /** The pipeline's launch flags (or `requiredFlags` if they could not be read). */
  readonly flags: readonly string[];
  /** Where the floor may differ from the pipeline, for people to read. */
  readonly problems: readonly string[];
}

/**
 * Read the launch flags from the snapshot's src/render/pdf/chromium-command.ts (its `launchArgs` list),
 * so the floor starts Chromium exactly as the pipeline does, and check that print.ts still
 * passes the page.pdf options the floor uses.
 */
export async function readParity(toolDir: string): Promise<Parity> {
  const command = await readFile(path.join(toolDir, 'src', 'render', 'pdf', 'chromium-command.ts'), 'utf8').catch(() => '');
  const print = await readFile(path.join(toolDir, 'src', 'render', 'pdf', 'print.ts'), 'utf8').catch(() => '');
  const list = /launchArgs[^=]*=\s*\[([\s\S]*?)\]/.exec(command)?.[1];
  const read = list === undefined ? [] : [...list.replace(/\/\/.*$/gm, '').matchAll(/'([^']+)'/g)].map((match) => match[1]!);
  const flags = read.length > 0 ? read : requiredFlags;
  const problems = [
    ...(read.length > 0 ? [] : ['the launch flags could not be read from src/render/pdf/chromium-command.ts: the floor uses the closed-network flags only']),
    ...requiredFlags.filter((flag) => !flags.includes(flag)).map((flag) => `the pipeline no longer passes ${flag}`),
    ...Object.entries(pdfOptions)
      .filter(([key, value]) => !new RegExp(`\\b${key}:\\s*${String(value)}\\b`).test(print))
      .map(([key, value]) => `page.pdf option ${key}: ${String(value)} is not in the pipeline's print.ts`),
  ];
  return { flags, problems };
}
