// The longest text the server accepts in each field, in characters (Unicode
// code points, after the spaces around it are trimmed). A longer value is
// refused with 422, never shortened, so forms show these limits, count as
// the user types and stop the submit with a sentence before the server has to.
// Each number is the server's (src/services/*_rules, *_input, JsonReader limits).
export const limits = {
  userName: 100,
  orgName: 100,
  orgSlug: 50,
  projectName: 100,
  projectDescription: 5000,
  documentTitle: 200,
  storyTitle: 200,
  storyText: 1000,
  acceptanceCriterion: 1000,
  tokenName: 100,
  productName: 200,
  productDescription: 20000,
  targetAudience: 2000,
  briefItem: 1000,
  instruction: 20000,
  templateName: 100,
  templateDescription: 2000,
  sectionTitle: 200,
  sectionGuidance: 2000,
  commentBody: 10000,
  reviewBody: 10000,
  searchQuery: 200,
} as const;

/** Characters as the server counts them: code points of the trimmed value. */
export function countChars(value: string): number {
  return [...value.trim()].length;
}

/**
 * A sentence for a value over `max` characters ("Name is 5 characters too
 * long: at most 100."), or undefined when it fits.
 */
export function tooLong(label: string, value: string, max: number): string | undefined {
  const over = countChars(value) - max;
  if (over <= 0) return undefined;
  return `${label} is ${over} character${over === 1 ? '' : 's'} too long: at most ${max.toLocaleString('en')}.`;
}

/**
 * The sentence for the first item of a list over `max` characters ("Feature
 * 3 is 12 characters too long: at most 1,000."), or undefined when all fit.
 */
export function firstTooLong(label: string, items: readonly string[], max: number): string | undefined {
  for (const [i, item] of items.entries()) {
    const long = tooLong(`${label} ${i + 1}`, item, max);
    if (long) return long;
  }
  return undefined;
}
