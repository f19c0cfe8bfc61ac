/** `1 alert`, `2 alerts`, `0 alerts`; `plural` for words that do not just take an s. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/**
 * A number of days relative to now, as the facts carry it: `in 3 days`, `tomorrow`, `today`,
 * `5 days ago`. Text that is not a whole number (`unknown`) is returned as it is.
 */
export function describeDaysFromNow(days: number | string): string {
  const value = typeof days === "number" ? days : Number(days);
  if (typeof days === "string" && !/^-?\d+$/.test(days)) return days;
  if (value === 0) return "today";
  if (value === 1) return "tomorrow";
  if (value === -1) return "yesterday";

  return value > 0 ? `in ${countOf(value, "day")}` : `${countOf(-value, "day")} ago`;
}
