import { englishLocale, type Locale } from '../locale/index.js';

/**
 * `2011-06-27` → `27 June 2011` (`27 qershor 2011` in Albanian); `2011-06` → `June 2011`;
 * `2011` → `2011`: the date in the collection's language (Intl.DateTimeFormat).
 */
export function formatIsoDate(iso: string, language: Locale = englishLocale()): string {
  const [year, month, day] = iso.split('-').map(Number);
  if (!year) return iso;
  if (!month) return String(year);
  if (month > 12 || (day !== undefined && (day < 1 || day > 31))) return iso;
  return language.date(iso);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Year and month of the edition date, which arrives either as ISO (`2026-11-23`) or as the
 * brief prints it (`23 November 2026`, `23 nëntor 2026`): a printed date is read back by
 * formatting each day of its year's months in the language (and in English) until one matches.
 */
export function editionMonth(edition: string, language: Locale = englishLocale()): { readonly year: number; readonly month: number } | undefined {
  const iso = /^(\d{4})-(\d{2})/.exec(edition);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]) };
  const text = edition.trim();
  const year = /\b(\d{4})\b/.exec(text)?.[1];
  if (!year) return undefined;
  for (const locale of new Set([language, englishLocale()])) {
    for (let month = 1; month <= 12; month++) {
      if (locale.date(`${year}-${pad(month)}`) === text) return { year: Number(year), month };
      const days = new Date(Date.UTC(Number(year), month, 0)).getUTCDate();
      for (let day = 1; day <= days; day++) {
        if (locale.date(`${year}-${pad(month)}-${pad(day)}`) === text) return { year: Number(year), month };
      }
    }
  }
  return undefined;
}
