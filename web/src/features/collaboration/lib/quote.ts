// "Comment on selection": the server anchors a quote only when it is text of
// the section's Markdown as it is now, but a reader selects the rendered
// text, where emphasis markers, list bullets and link targets are gone. This
// finds the Markdown that renders as the selection.

export const MAX_QUOTE_BYTES = 1000;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// What may stand between two rendered words in the Markdown: white space,
// emphasis and code markers, list and quote markers, table pipes, the
// brackets and target of a link.
const BETWEEN = String.raw`(?:\s|[*_~\x60>#|[]|\]\([^)\n]*\)|\d+[.)](?=\s)|[-+](?=\s))+`;
// What may wrap a word's inside (emphasis that starts or ends mid-selection).
const INSIDE = String.raw`(?:[*_~\x60]{0,3})`;

const byteLength = (s: string) => new TextEncoder().encode(s).length;

export type QuoteResult = { ok: true; quote: string } | { ok: false; reason: 'empty' | 'too_long' | 'not_found' };

/** The exact Markdown of `sectionMarkdown` that renders as the selected text. */
export function quoteFromSelection(selected: string, sectionMarkdown: string): QuoteResult {
  const text = selected.replace(/\s+/g, ' ').trim();
  if (!text) return { ok: false, reason: 'empty' };
  if (byteLength(text) > MAX_QUOTE_BYTES) return { ok: false, reason: 'too_long' };
  if (sectionMarkdown.includes(text)) return { ok: true, quote: text };
  const words = text.split(' ');
  const pattern = words.map((w) => [...w].map(escapeRegExp).join(INSIDE)).join(BETWEEN);
  let match: RegExpExecArray | null = null;
  try {
    match = new RegExp(pattern).exec(sectionMarkdown);
  } catch {
    match = null;
  }
  if (!match) return { ok: false, reason: 'not_found' };
  const quote = match[0];
  if (byteLength(quote) > MAX_QUOTE_BYTES) return { ok: false, reason: 'too_long' };
  return { ok: true, quote };
}
