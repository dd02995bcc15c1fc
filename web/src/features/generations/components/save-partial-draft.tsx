import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { useApplyGeneration, type Generation } from '../api/generations-api';
import { documentPath } from '../paths';

/**
 * A PRD generation that was cancelled or failed after writing something:
 * keep what was written as a new draft document instead of losing it.
 */
export function SavePartialDraft({ generation, canSave }: { generation: Generation; canSave: boolean }) {
  const apply = useApplyGeneration();
  const navigate = useNavigate();
  const stopped = generation.status === 'cancelled' || generation.status === 'failed';
  if (generation.kind !== 'prd' || !stopped || !generation.output?.trim() || !canSave) return null;
  if (generation.applied_at) return <p className="muted">What it wrote was saved as a draft.</p>;
  const save = () =>
    apply.mutate(
      { id: generation.id },
      {
        onSuccess: (result) => {
          if (result.document_id) navigate(documentPath(generation.project_id, result.document_id));
        },
      },
    );
  return (
    <div className="stack">
      {apply.error ? <ErrorMessage error={apply.error} /> : null}
      <div className="form-actions">
        <Button variant="primary" onClick={save} loading={apply.isPending}>
          Save what was written as a draft
        </Button>
      </div>
    </div>
  );
}
