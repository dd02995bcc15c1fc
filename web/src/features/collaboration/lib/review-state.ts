// What the review card says and offers, from GET /documents/{id}/reviews and
// the viewer. The rules mirror services/collab/reviews_service.cpp.
import { roleAtLeast, type Role } from '@/lib/auth';
import type { components } from '@/lib/api/schema';

type Reviews = components['schemas']['Reviews'];
type Review = components['schemas']['Review'];

export interface ReviewViewer {
  userId: string | null;
  role: Role | null;
}

/** Ask reviewers: members and above, unless the document is archived. */
export function canRequestReview(r: Reviews, v: ReviewViewer): boolean {
  return roleAtLeast(v.role, 'member') && r.status !== 'archived';
}

/** Approve or request changes: anyone of the organization but the author, while the document is in review or approved. */
export function canDecide(r: Reviews, v: ReviewViewer): boolean {
  return !!v.userId && v.userId !== r.author_id && (r.status === 'in_review' || r.status === 'approved');
}

/** "1 of 2 approvals", or what 0 required approvals means. */
export function approvalsSummary(r: Reviews): string {
  if (r.required_approvals === 0) {
    return r.approvals > 0
      ? `${r.approvals} ${r.approvals === 1 ? 'approval' : 'approvals'} on version ${r.current_version}; this organization needs none, so members may also approve directly.`
      : 'This organization needs no approvals: members may approve the document directly. Reviews are still recorded.';
  }
  return `${r.approvals} of ${r.required_approvals} ${r.required_approvals === 1 ? 'approval' : 'approvals'} on version ${r.current_version}`;
}

/** One reviewer's state in words ("Approved version 2 — the document changed since"). */
export function reviewerStatus(latest: Review | null, requestedVersion: number): string {
  if (!latest) return `Not reviewed yet (asked about version ${requestedVersion})`;
  const what = latest.decision === 'approve' ? 'Approved' : 'Requested changes on';
  return `${what} version ${latest.version}${latest.stale ? ', before the latest changes' : ''}`;
}

/** The viewer's own latest review, if any. */
export function ownLatest(r: Reviews, userId: string | null): Review | null {
  if (!userId) return null;
  let latest: Review | null = null;
  for (const review of r.reviews) if (review.reviewer.id === userId) latest = review;
  return latest;
}

/** Link to the versions' diff from the last approved version to the current one, when they differ. */
export function sinceApprovalLink(documentId: string, r: Reviews): string | null {
  const from = r.last_approved_version;
  if (!from || from >= r.current_version) return null;
  return `/documents/${encodeURIComponent(documentId)}?tab=versions&from=${from}&to=${r.current_version}`;
}
