import { useState } from 'react';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { useToast } from '@/components/toast';
import { useRemoveAiSettings } from '../api/ai-settings-api';

/** DELETE …/ai-settings after confirming: the organization goes back to the server's provider. */
export function UseServerDefault({ orgId }: { orgId: string }) {
  const remove = useRemoveAiSettings(orgId);
  const { notify } = useToast();
  const [open, setOpen] = useState(false);
  // Awaited rather than per-call callbacks: this section goes away once the settings are gone.
  const confirm = async () => {
    try {
      await remove.mutateAsync();
    } catch {
      return; // the dialog shows the error
    }
    setOpen(false);
    notify('The organization now uses the server’s default');
  };
  return (
    <section className="card" aria-labelledby="ai-server-default-title">
      <h2 id="ai-server-default-title">Use the server’s default</h2>
      <p>Forget this organization’s provider and its saved key: generations then use whatever the server is set up with.</p>
      <Button onClick={() => setOpen(true)}>Use the server’s default…</Button>
      <ConfirmDialog
        open={open}
        title="Use the server’s default?"
        confirmLabel="Forget our provider"
        mutation={remove}
        onCancel={() => setOpen(false)}
        onConfirm={() => void confirm()}
      >
        <p>The provider, model, base URL and API key saved for this organization are deleted. To use them again, enter the key again.</p>
      </ConfirmDialog>
    </section>
  );
}
