const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2011-06-27` → `27 June 2011`; `2011-06` → `June 2011`; `2011` → `2011`. */
export function formatIsoDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  if (!year) return iso;
  if (!month) return String(year);
  const name = months[month - 1] ?? String(month);
  return day ? `${day} ${name} ${year}` : `${name} ${year}`;
}

/**
 * Year and month of the edition date, which arrives either as ISO (`2026-11-23`) or as the
 * brief prints it (`23 November 2026`).
 */
export function editionMonth(edition: string): { readonly year: number; readonly month: number } | undefined {
  const iso = /^(\d{4})-(\d{2})/.exec(edition);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]) };
  const written = /^(?:\d{1,2}\s+)?([A-Z][a-z]+)\s+(\d{4})$/.exec(edition.trim());
  const month = written ? months.indexOf(written[1]!) + 1 : 0;
  return written && month > 0 ? { year: Number(written[2]), month } : undefined;
}
