import { describe, expect, it } from 'vitest';
import { daysBetween, presetRange, rangeError } from './date-range';

describe('usage date ranges', () => {
  const now = new Date('2026-03-05T23:30:00Z');
  it('this month runs from the 1st to today (UTC)', () => {
    expect(presetRange('month', now)).toEqual({ from: '2026-03-01', to: '2026-03-05' });
  });
  it('last 30 days includes today and crosses month ends', () => {
    expect(presetRange('last30', now)).toEqual({ from: '2026-02-04', to: '2026-03-05' });
    expect(daysBetween(presetRange('last30', now))).toHaveLength(30);
  });
  it('rejects incomplete, reversed and too long custom ranges', () => {
    expect(rangeError({ from: '', to: '2026-03-05' })).toBe('Choose both dates.');
    expect(rangeError({ from: '2026-03-06', to: '2026-03-05' })).toMatch(/must not be before/);
    expect(rangeError({ from: '2025-01-01', to: '2026-03-05' })).toBe('Choose at most 366 days.');
    expect(rangeError({ from: '2025-03-05', to: '2026-03-05' })).toBeNull();
  });
});
