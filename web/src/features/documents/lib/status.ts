import type { components } from '@/lib/api/schema';

export type DocumentStatus = components['schemas']['DocumentStatus'];

export const statuses: DocumentStatus[] = ['draft', 'in_review', 'approved', 'archived'];

export const statusLabels: Record<DocumentStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  archived: 'Archived',
};

export interface StatusTransition {
  to: DocumentStatus;
  /** Button text, e.g. "Submit for review". */
  label: string;
  primary?: boolean;
}

// The server's workflow: draft → in_review → approved → archived, and any
// later state back to draft. It answers 409 invalid_status_transition otherwise.
const transitions: Record<DocumentStatus, StatusTransition[]> = {
  draft: [{ to: 'in_review', label: 'Submit for review', primary: true }],
  in_review: [
    { to: 'approved', label: 'Approve', primary: true },
    { to: 'draft', label: 'Back to draft' },
  ],
  approved: [
    { to: 'archived', label: 'Archive' },
    { to: 'draft', label: 'Back to draft' },
  ],
  archived: [{ to: 'draft', label: 'Reopen as draft' }],
};

export function allowedTransitions(status: DocumentStatus | undefined): StatusTransition[] {
  return status ? transitions[status] : [];
}

export function isDocumentStatus(value: string | null | undefined): value is DocumentStatus {
  return !!value && (statuses as string[]).includes(value);
}
