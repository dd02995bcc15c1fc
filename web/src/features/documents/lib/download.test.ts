import { describe, expect, it } from 'vitest';
import { fallbackFilename, filenameFromDisposition } from './download';

describe('export file names', () => {
  it('reads filename and filename* from Content-Disposition', () => {
    expect(filenameFromDisposition('attachment; filename="checkout-prd.md"')).toBe('checkout-prd.md');
    expect(filenameFromDisposition('attachment; filename=plain.html')).toBe('plain.html');
    expect(filenameFromDisposition("attachment; filename=\"x.md\"; filename*=UTF-8''caf%C3%A9.md")).toBe('café.md');
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('.._.._etc_passwd');
    expect(filenameFromDisposition('attachment')).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
  });

  it('builds a sensible fallback from the title', () => {
    expect(fallbackFilename('Checkout PRD: v2!', 'json')).toBe('checkout-prd-v2.json');
    expect(fallbackFilename('', 'md')).toBe('document.md');
  });
});
