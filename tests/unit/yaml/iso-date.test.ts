import { describe, expect, it } from 'vitest';
import { isCalendarDate, isoDateSchema } from '../../../src/yaml/iso-date.js';

describe('isoDateSchema', () => {
  it('should take years, months and days the calendar has, a bare year as a number too', () => {
    for (const value of ['2011', 2011, '2011-06', '2011-06-27', '2024-02-29']) expect(isoDateSchema.parse(value)).toBe(String(value));
  });

  it('should refuse days and months the calendar does not have', () => {
    for (const value of ['2018-02-30', '2018-13-18', '2023-02-29', '2018-00', '2018-04-31']) {
      expect(isCalendarDate(value)).toBe(false);
      expect(isoDateSchema.safeParse(value).error?.issues[0]?.message).toBe('this day or month is not in the calendar');
    }
  });

  it('should refuse other shapes with the format to use', () => {
    expect(isoDateSchema.safeParse('27 June 2011').error?.issues[0]?.message).toBe('write dates as YYYY, YYYY-MM or YYYY-MM-DD');
  });
});
