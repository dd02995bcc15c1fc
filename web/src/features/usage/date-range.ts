// Date ranges of the usage page, as UTC days (YYYY-MM-DD, both ends included).
export type RangePreset = 'month' | 'last30' | 'custom';

export interface DayRange {
  from: string;
  to: string;
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function presetRange(preset: Exclude<RangePreset, 'custom'>, now = new Date()): DayRange {
  const today = isoDay(now);
  if (preset === 'month') return { from: `${today.slice(0, 8)}01`, to: today };
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 29));
  return { from: isoDay(start), to: today };
}

/** Why a custom range is not usable, or null. */
export function rangeError(range: DayRange): string | null {
  const re = /^\d{4}-\d{2}-\d{2}$/;
  if (!re.test(range.from) || !re.test(range.to)) return 'Choose both dates.';
  if (range.to < range.from) return 'The end date must not be before the start date.';
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1;
  if (days > 366) return 'Choose at most 366 days.';
  return null;
}

/** Every day from `from` to `to`, for charts that show empty days as zero. */
export function daysBetween(range: DayRange): string[] {
  const out: string[] = [];
  const end = Date.parse(`${range.to}T00:00:00Z`);
  for (let t = Date.parse(`${range.from}T00:00:00Z`); t <= end && out.length < 400; t += 86_400_000) out.push(isoDay(new Date(t)));
  return out;
}
