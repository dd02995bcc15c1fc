import { countChars } from '@/lib/limits';
import './char-count.css';

/**
 * "87 / 100" under a field, and how many characters too many once the value
 * is over the limit. Goes in a Field's hint, which the control is described
 * by, so screen readers hear it with the field.
 */
export function CharCount({ value, max }: { value: string; max: number }) {
  const count = countChars(value);
  const over = count - max;
  return (
    <span className={over > 0 ? 'char-count char-count-over' : 'char-count'} data-testid="char-count">
      {count.toLocaleString('en')} / {max.toLocaleString('en')}
      {over > 0 ? ` — ${over.toLocaleString('en')} too many` : null}
    </span>
  );
}
