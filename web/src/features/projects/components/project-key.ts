export const PROJECT_KEY_PATTERN = /^[A-Z0-9]{2,10}$/;

/** Suggests a key from a name: initials of words, else the first letters. */
export function suggestProjectKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return '';
  const initials = words.map((w) => w[0]).join('');
  const key = initials.length >= 2 ? initials : words.join('');
  return key.slice(0, 10).length >= 2 ? key.slice(0, 10) : key.padEnd(2, 'X');
}

export function projectKeyError(key: string): string | undefined {
  if (!key) return 'Enter a key, e.g. "PAY".';
  if (!PROJECT_KEY_PATTERN.test(key)) return 'Use 2–10 upper-case letters or digits.';
  return undefined;
}
