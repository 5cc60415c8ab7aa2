/** Dates as the manual prints them, in its own language. Dates are `YYYY-MM-DD`, read in UTC so every time zone agrees. */

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** "3 February 2025". */
export function longDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    utc(date),
  );
}

/** "August 2017", for every date of one manual: one format is made, since each costs about a millisecond. */
export function monthLabels(language: string): (date: string) => string {
  const format = new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (date) => format.format(utc(date));
}
