import { useRef, useState } from 'react';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import type { OrgAi } from '../org-ai';
import { GenerateStoriesPanel } from './generate-stories-panel';
import { RewriteSectionDialog } from './rewrite-section-dialog';

export interface RewriteSectionButtonProps {
  projectId: string;
  documentId: string;
  /** The section this button rewrites (its `##` heading text). */
  section: string;
  /** All section titles of the document (the dialog lets the user switch). */
  sections: string[];
  /** Called after Accept, e.g. to re-fetch the document. */
  onApplied?: (result: { documentId: string; version: number }) => void;
  /** What the organization's generations use (see OrgAi); when it is not AI, the dialog explains. */
  ai?: OrgAi;
  /**
   * A starting instruction, and the button's text and accessible name (e.g.
   * "Fix with AI" for a quality finding). The accessible name starts with the
   * visible text, so speech users can say what they see (WCAG 2.5.3).
   */
  instruction?: string;
  label?: string;
  accessibleName?: string;
}

/** "Rewrite" next to a section heading: opens the rewrite dialog for that section. */
export function RewriteSectionButton({ projectId, documentId, section, sections, onApplied, ai, instruction, label, accessibleName }: RewriteSectionButtonProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button ref={button} size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={accessibleName ?? `Rewrite with AI: ${section}`}>
        {label ?? 'Rewrite with AI'}
      </Button>
      {open ? (
        <RewriteSectionDialog
          open
          onClose={() => {
            setOpen(false);
            requestAnimationFrame(() => button.current?.focus());
          }}
          projectId={projectId}
          documentId={documentId}
          sections={sections}
          section={section}
          instruction={instruction}
          onApplied={onApplied}
          ai={ai}
        />
      ) : null}
    </>
  );
}

export interface GenerateStoriesButtonProps {
  projectId: string;
  documentId: string;
  /** Called after the stories were accepted into the backlog. */
  onApplied?: (count: number) => void;
  /** What the organization's generations use (see OrgAi); when it is not AI, the dialog explains. */
  ai?: OrgAi;
}

/** "Generate stories" in the document toolbar: the stories panel in a dialog. */
export function GenerateStoriesButton({ projectId, documentId, onApplied, ai }: GenerateStoriesButtonProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button ref={button} size="sm" onClick={() => setOpen(true)}>
        Generate stories
      </Button>
      {open ? (
        <Dialog
          open
          className="dialog-wide"
          title="Generate user stories"
          onClose={() => {
            setOpen(false);
            requestAnimationFrame(() => button.current?.focus());
          }}
        >
          <GenerateStoriesPanel projectId={projectId} documentId={documentId} onApplied={onApplied} backlogHref={`/projects/${projectId}/backlog`} embedded ai={ai} />
        </Dialog>
      ) : null}
    </>
  );
}
