import { z } from 'zod';

/** Whether `YYYY`, `YYYY-MM` or `YYYY-MM-DD` names a day (or month) the calendar has. */
export function isCalendarDate(iso: string): boolean {
  const [year, month = 1, day = 1] = iso.split('-').map(Number) as [number, number?, number?];
  // Date.UTC rolls 30 February over into March: a date is real when it comes back unchanged.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A date as the YAML files write it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a bare year may be a
 * number), and a real one: `2018-02-30` and `2018-13-18` are refused, not printed as
 * "30 February 2018" or "18 13 2018".
 */
export const isoDateSchema = z
  .union([z.string(), z.number().int()])
  .transform((value) => String(value))
  .pipe(
    z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'write dates as YYYY, YYYY-MM or YYYY-MM-DD')
      .refine(isCalendarDate, { message: 'this day or month is not in the calendar' }),
  );
