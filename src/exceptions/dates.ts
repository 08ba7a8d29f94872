/** Whole days from `from` to `to`, both YYYY-MM-DD (UTC calendar days). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today's date as YYYY-MM-DD in UTC; the clock itself is read only by the entry points. */
export const toIsoDay = (now: Date): string => now.toISOString().slice(0, 10);
