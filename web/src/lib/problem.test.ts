import { describe, expect, it } from 'vitest';
import { problemFromResponse } from './problem';

describe('problemFromResponse', () => {
  it('keeps the extension members a client acts on', async () => {
    const body = { type: 'x', title: 'Conflict', status: 409, detail: 'pending', code: 'invitation_pending', invitation_id: 'inv-1' };
    const res = new Response(JSON.stringify(body), { status: 409, headers: { 'Content-Type': 'application/problem+json' } });
    const error = await problemFromResponse(res);
    expect(error.code).toBe('invitation_pending');
    expect(error.extensions).toEqual({ invitation_id: 'inv-1' });
  });
});
