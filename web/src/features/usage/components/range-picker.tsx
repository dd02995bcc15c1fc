import { useId } from 'react';
import { Field, TextInput } from '@/components/field';
import type { DayRange, RangePreset } from '../date-range';

const presets: { id: RangePreset; label: string }[] = [
  { id: 'month', label: 'This month' },
  { id: 'last30', label: 'Last 30 days' },
  { id: 'custom', label: 'Custom' },
];

/** This month / last 30 days / custom from–to (UTC days). */
export function RangePicker({
  preset,
  onPreset,
  custom,
  onCustom,
  error,
}: {
  preset: RangePreset;
  onPreset: (p: RangePreset) => void;
  custom: DayRange;
  onCustom: (r: DayRange) => void;
  error?: string | null;
}) {
  const name = useId();
  return (
    <div className="range-picker">
      <fieldset className="segmented">
        <legend className="visually-hidden">Period</legend>
        {presets.map((p) => (
          <label key={p.id} className={preset === p.id ? 'segment active' : 'segment'}>
            <input type="radio" name={name} value={p.id} checked={preset === p.id} onChange={() => onPreset(p.id)} />
            {p.label}
          </label>
        ))}
      </fieldset>
      {preset === 'custom' ? (
        <div className="row range-dates">
          <Field label="From" error={error ?? undefined}>
            <TextInput type="date" name="from" value={custom.from} max={custom.to || undefined} onChange={(e) => onCustom({ ...custom, from: e.target.value })} />
          </Field>
          <Field label="To">
            <TextInput type="date" name="to" value={custom.to} min={custom.from || undefined} onChange={(e) => onCustom({ ...custom, to: e.target.value })} />
          </Field>
        </div>
      ) : null}
    </div>
  );
}
