// Readable sentences for a generation's error event {code, message}.
const byCode: Record<string, string> = {
  cancelled: 'The generation was cancelled. The text written so far is kept below.',
  budget_exceeded: "Your organization has used its monthly AI budget. An admin can raise it in the organization's settings.",
  rate_limited: 'Too many generations right now. Wait a moment and try again.',
  provider_unavailable: 'The AI provider is not answering right now. Try again in a few minutes.',
  timeout: 'The AI provider took too long to answer.',
};

export function generationErrorText(error: { code: string; message: string }): string {
  const known = byCode[error.code];
  if (known) return known;
  return asSentence(error.message) || 'The generation failed.';
}

/** A server's message ("the document has no …") as a sentence: capital first, full stop last. */
export function asSentence(message: string): string {
  const text = message.trim();
  if (!text) return '';
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
}
