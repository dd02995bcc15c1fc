import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Button } from '@/components/button';
import { resendVerification } from '@/lib/auth';
import { errorMessage } from '@/lib/problem';

/**
 * "Resend verification e-mail" for an unconfirmed address: sends a new link
 * once, then says it is on its way (the earlier link stops working).
 */
export function ResendVerification({ email, intro, spacing = '0.75rem 0 0' }: { email: string; intro?: ReactNode; spacing?: string }) {
  const resend = useMutation({ mutationFn: () => resendVerification(email) });
  return (
    <div className="stack" style={{ margin: spacing }}>
      {intro ? <p className="muted small">{intro}</p> : null}
      {resend.isSuccess ? (
        <p className="alert alert-success" role="status">
          A new verification link is on its way to {email}. The earlier link no longer works.
        </p>
      ) : null}
      {resend.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(resend.error)}
        </p>
      ) : null}
      <div>
        <Button onClick={() => resend.mutate()} loading={resend.isPending} disabled={resend.isSuccess}>
          Resend verification e-mail
        </Button>
      </div>
    </div>
  );
}
