import type { ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';
import { ErrorMessage } from './error-message';

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  /** The button that closes without confirming (default "Cancel"). */
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: unknown;
  /** The mutation the confirm button runs: its pending state and error are shown, and cancelling resets it. */
  mutation?: { isPending: boolean; error: unknown; reset: () => void };
  danger?: boolean;
}

/** "Are you sure?" dialog for destructive actions. */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = 'Cancel', onConfirm, onCancel: cancel, busy: busyProp, error: errorProp, mutation, danger = true }: ConfirmDialogProps) {
  const busy = busyProp ?? mutation?.isPending;
  const error = errorProp ?? mutation?.error;
  const onCancel = () => {
    cancel();
    mutation?.reset();
  };
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      footer={
        <>
          <Button onClick={onCancel} disabled={busy}>
            {cancelLabel}
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} onClick={onConfirm} loading={busy}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      {error ? <ErrorMessage error={error} /> : null}
    </Dialog>
  );
}
