import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentContent } from './read-document.js';

/**
 * Bump when a reader (PDF, HTML) changes what it extracts: cached text from an older reader
 * is then read again.
 */
export const extractorVersion = 3;

/** Text extracted from PDFs and web pages, kept by the document's digest between builds. */
export interface ExtractCache {
  readonly get: (digest: string) => Promise<DocumentContent | undefined>;
  readonly set: (digest: string, content: DocumentContent) => Promise<void>;
}

/**
 * A cache in a folder (the project's `.cache/briefs/`): reading a 500-page PDF takes seconds,
 * its cached text milliseconds. A missing or unreadable entry is a miss; writes are atomic and
 * their failure is ignored (the cache only saves time).
 */
export function folderCache(dir: string): ExtractCache {
  const file = (digest: string) => path.join(dir, `${digest}.v${extractorVersion}.json`);
  return {
    get: async (digest) => {
      try {
        const content = JSON.parse(await readFile(file(digest), 'utf8')) as DocumentContent;
        return Array.isArray(content.paragraphs) && typeof content.text === 'string' ? content : undefined;
      } catch {
        return undefined;
      }
    },
    set: async (digest, content) => {
      try {
        await mkdir(dir, { recursive: true });
        const temp = `${file(digest)}.${randomBytes(4).toString('hex')}.tmp`;
        await writeFile(temp, JSON.stringify(content));
        await rename(temp, file(digest));
      } catch {
        // Read-only checkout, full disk: the next build reads the document again.
      }
    },
  };
}
