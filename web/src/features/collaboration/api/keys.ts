// Query keys of the collaboration feature. Comments and reviews of every
// document live under `collab`, so the notification stream can refresh the
// open ones at once.
export const collabKeys = {
  all: ['collab'] as const,
  comments: (documentId: string) => ['collab', 'comments', documentId] as const,
  allComments: ['collab', 'comments'] as const,
  reviews: (documentId: string) => ['collab', 'reviews', documentId] as const,
  allReviews: ['collab', 'reviews'] as const,
  members: (orgId: string) => ['collab', 'members', orgId] as const,
  preferences: ['collab', 'preferences'] as const,
  // The organization itself, under the key the orgs feature reads it by:
  // the same resource, so a change here shows there too.
  org: (orgId: string) => ['orgs', orgId] as const,
};

export const notificationKeys = {
  all: ['notifications'] as const,
  latest: ['notifications', 'latest'] as const,
  list: (unreadOnly: boolean) => ['notifications', 'list', unreadOnly] as const,
};
