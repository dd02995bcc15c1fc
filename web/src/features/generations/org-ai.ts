import type { ReactNode } from 'react';

/**
 * What the organization's generations use when a request names no provider,
 * as the app layer hands it in (from the organization's AI settings).
 * Undefined while it is not known: then nothing is claimed either way.
 */
export interface OrgAi {
  label: string;
  model: string;
  /** False for the offline template writer. */
  isAi: boolean;
  /** The organization's own provider, or the server's default. */
  source: 'organization' | 'server';
  /** Who can connect an AI provider (a link, or names to ask): shown where an action needs AI and the default is not. */
  contact?: ReactNode;
}
