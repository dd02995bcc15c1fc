import { describe, expect, it } from 'vitest';
import { countChars, firstTooLong, limits, tooLong } from './limits';

describe('input limits', () => {
  it('count characters as the server does: code points of the trimmed value', () => {
    expect(countChars('  abc  ')).toBe(3);
    expect(countChars('é'.repeat(100))).toBe(100);
    // One emoji is two UTF-16 code units but one character.
    expect(countChars('😀😀')).toBe(2);
  });

  it('say by how much a value is too long, and nothing when it fits', () => {
    expect(tooLong('The name', 'x'.repeat(limits.projectName), limits.projectName)).toBeUndefined();
    expect(tooLong('The name', 'x'.repeat(101), 100)).toBe('The name is 1 character too long: at most 100.');
    expect(tooLong('The description', 'x'.repeat(20_005), 20_000)).toBe('The description is 5 characters too long: at most 20,000.');
  });

  it('name the first list item that is too long, by its position', () => {
    expect(firstTooLong('Feature', ['ok', 'fine'], 4)).toBeUndefined();
    expect(firstTooLong('Feature', ['ok', 'x'.repeat(6), 'y'.repeat(9)], 4)).toBe('Feature 2 is 2 characters too long: at most 4.');
  });
});
