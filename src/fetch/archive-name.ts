/**
 * How archived versions are named: `archive/<id>/<fetch date>-<sha256 prefix>.<ext>`. No
 * imports: a build reads the fetch date from a pin's file name without loading the archive.
 */

/** The archive's folder name inside the sources folder. */
export const archiveFolder = 'archive';

/** Characters of the sha256 in an archived file's name. */
export const digestChars = 12;

/** `2026-12-02-0123456789ab`: an archived version's name without its extension. */
export const archivedBase = (fetched: string, digest: string) => `${fetched.slice(0, 10)}-${digest.slice(0, digestChars)}`;

/** The source id and fetch date an archived file's path carries (`…/archive/<id>/2026-12-02-….html`), if it is one. */
export function archivedDate(file: string): { readonly id: string; readonly date: string } | undefined {
  const match = new RegExp(`(?:^|/)${archiveFolder}/([a-z0-9][a-z0-9-]*)/(\\d{4}-\\d{2}-\\d{2})-[0-9a-f]{${digestChars}}\\.[a-z]+$`).exec(file);
  return match ? { id: match[1]!, date: match[2]! } : undefined;
}
