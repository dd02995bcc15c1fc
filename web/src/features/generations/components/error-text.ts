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
  const message = error.message.trim();
  if (!message) return 'The generation failed.';
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
