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

/** Members and above review; viewers only while the organization lets viewers comment (and so review). */
function mayReview(role: Role | null, r: Reviews): boolean {
  return roleAtLeast(role, 'member') || (role === 'viewer' && r.viewers_can_review);
}

/** Approve or request changes: anyone of the organization who may review but the author, while the document is in review or approved. */
export function canDecide(r: Reviews, v: ReviewViewer): boolean {
  return !!v.userId && v.userId !== r.author_id && mayReview(v.role, r) && (r.status === 'in_review' || r.status === 'approved');
}

/** Why the viewer is offered no Approve / Request changes, in a sentence (null when they are, or when the page says it otherwise). */
export function decideBlocker(r: Reviews, v: ReviewViewer): string | null {
  if (canDecide(r, v) || !v.userId) return null;
  if (!mayReview(v.role, r)) {
    return 'Your organization turned off comments and reviews from viewers: you can follow the review but not approve or request changes. An admin can allow it in the organization’s settings.';
  }
  if (v.userId === r.author_id) return r.status === 'in_review' || r.status === 'approved' ? 'You wrote this document, so others review it.' : null;
  if (r.status === 'archived') return 'An archived document is not reviewed; move it back to draft first.';
  return r.reviewers.length ? 'Approving and requesting changes open again once someone requests a review.' : null;
}

/** Who may be asked to review: members but the author and oneself; viewers only while the organization lets them review. */
export function reviewerCandidates<M extends { user_id?: string | null; role?: string | null }>(members: M[], r: Reviews, userId: string | null): M[] {
  return members.filter((m) => m.user_id && m.user_id !== r.author_id && m.user_id !== userId && (m.role !== 'viewer' || r.viewers_can_review));
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
