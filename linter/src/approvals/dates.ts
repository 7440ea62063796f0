/**
 * Approval dates are calendar days, `YYYY-MM-DD`, in UTC. An approval is
 * valid through its `expires` day and expired from the day after.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whether an approval with this expiry has expired on `day` (both `YYYY-MM-DD`). */
export function isExpired(expires: string | null | undefined, day: string): boolean {
  return expires != null && expires < day;
}
