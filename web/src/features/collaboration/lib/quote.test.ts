import { describe, expect, it } from 'vitest';
import { quoteFromSelection } from './quote';

const section = `Ship the checkout by **March**, with [QR codes](https://example.com/qr) first.

- FR-1: Pay by QR code.
- FR-2: Save a card for later.
`;

describe('quoteFromSelection', () => {
  it('keeps text that is in the Markdown as it is', () => {
    expect(quoteFromSelection('FR-1: Pay by QR code.', section)).toEqual({ ok: true, quote: 'FR-1: Pay by QR code.' });
  });

  it('finds the Markdown of text rendered with emphasis, links and list bullets', () => {
    expect(quoteFromSelection('Ship the checkout by March,', section)).toEqual({ ok: true, quote: 'Ship the checkout by **March**,' });
    expect(quoteFromSelection('with QR codes first.', section)).toEqual({ ok: true, quote: 'with [QR codes](https://example.com/qr) first.' });
    expect(quoteFromSelection('FR-1: Pay by QR code.\nFR-2: Save', section)).toEqual({ ok: true, quote: 'FR-1: Pay by QR code.\n- FR-2: Save' });
  });

  it('says why a selection cannot be quoted', () => {
    expect(quoteFromSelection('   ', section)).toEqual({ ok: false, reason: 'empty' });
    expect(quoteFromSelection('Not in this section', section)).toEqual({ ok: false, reason: 'not_found' });
    expect(quoteFromSelection('x'.repeat(1001), 'x'.repeat(2000))).toEqual({ ok: false, reason: 'too_long' });
  });
});
