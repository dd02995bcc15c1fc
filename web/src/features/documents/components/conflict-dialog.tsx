import { Button } from '@/components/button';
import { CopyButton } from '@/components/copy-button';
import { Dialog } from '@/components/dialog';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { formatRelative } from '@/lib/format';
import type { LoadedDocument } from '../api/documents-api';

export type ConflictChoice = 'reload' | 'keep';

export interface ConflictDialogProps {
  open: boolean;
  /** The version someone else saved (loading while undefined). */
  latest: LoadedDocument | undefined;
  latestError?: unknown;
  /** Which choice is running. */
  busy: ConflictChoice | null;
  error?: unknown;
  /** The user's unsaved text, offered for copying. */
  myText: string;
  onReload: () => void;
  onKeepMine: () => void;
  onCancel: () => void;
}

/**
 * Shown when a save answers 412 version_conflict. Neither text is lost:
 * "Reload their version" replaces the editor's text with theirs (after the
 * user could copy their own), "Keep my text" saves the user's text as a new
 * version on top of theirs, which stays in the history.
 */
export function ConflictDialog({ open, latest, latestError, busy, error, myText, onReload, onKeepMine, onCancel }: ConflictDialogProps) {
  const change = latest?.doc.last_change;
  return (
    <Dialog
      open={open}
      onClose={busy ? () => undefined : onCancel}
      title="Someone else changed this document"
      className="conflict-dialog"
      footer={
        <>
          <Button onClick={onCancel} disabled={!!busy}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onReload} loading={busy === 'reload'} disabled={!!busy} aria-describedby="conflict-reload-hint">
            Reload their version
          </Button>
          <Button variant="primary" onClick={onKeepMine} loading={busy === 'keep'} disabled={!!busy} aria-describedby="conflict-keep-hint">
            Keep my text
          </Button>
        </>
      }
    >
      <p>Your save was not applied: a newer version was saved while you were editing.</p>
      {latest ? (
        <p className="conflict-latest">
          <strong>Version {latest.doc.version}</strong>
          {change ? (
            <>
              {' '}
              by {change.author_name || (change.source === 'ai' ? 'AI generation' : 'someone')}, {formatRelative(change.created_at)}
              {change.summary ? <>: {change.summary}</> : null}
            </>
          ) : null}
        </p>
      ) : latestError ? (
        <ErrorMessage error={latestError} title="Could not load the newer version" />
      ) : (
        <Loading label="Loading the newer version…" />
      )}
      <ul className="conflict-choices">
        <li id="conflict-keep-hint">
          <strong>Keep my text</strong> saves your text as a new version on top of theirs. Their version stays in the history.
        </li>
        <li id="conflict-reload-hint">
          <strong>Reload their version</strong> replaces your unsaved changes with their text. Copy your text first if you want to reuse it.
        </li>
      </ul>
      <p>
        <CopyButton text={myText} label="Copy my text" />
      </p>
      {error ? <ErrorMessage error={error} /> : null}
    </Dialog>
  );
}
