import { Link } from 'react-router-dom';
import { useCurrentOrg } from '@/lib/auth';
import { administrators, memberName, useOrgMembers } from '../api/org-people-api';
import { aiSettingsPath } from '../paths';

/** "Alice, Bob and Carol". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export interface AiProviderContactProps {
  /** The organization the AI action belongs to. */
  orgId: string;
  /** The caller administers it (AiSettings.can_edit). */
  canEdit: boolean;
}

/**
 * Who can connect an AI provider: administrators get the way to the settings,
 * everyone else the names of the organization's owners and administrators.
 */
export function AiProviderContact({ orgId, canEdit }: AiProviderContactProps) {
  const { orgId: currentOrgId, setOrgId } = useCurrentOrg();
  if (canEdit) {
    return (
      <p>
        {/* The settings page shows the current organization: make it this one. */}
        <Link to={aiSettingsPath} onClick={() => orgId !== currentOrgId && setOrgId(orgId)}>
          Connect an AI provider
        </Link>{' '}
        in the organization’s settings, with your own API key.
      </p>
    );
  }
  return <AskAdministrators orgId={orgId} />;
}

function AskAdministrators({ orgId }: { orgId: string }) {
  const members = useOrgMembers(orgId);
  const names = administrators(members.data ?? []).map(memberName);
  if (names.length === 0) return <p>Ask an administrator of the organization to connect an AI provider.</p>;
  return (
    <p>
      Ask {names.length === 1 ? 'the organization’s administrator' : 'one of the organization’s administrators'} to connect an AI provider:{' '}
      <strong>{listNames(names)}</strong>.
    </p>
  );
}
