import { QueryState } from '@/components/query-state';
import { useCurrentOrg } from '@/lib/auth';
import { useAiSettings, type AiSettings } from '../api/ai-settings-api';
import { AiSettingsForm } from './ai-settings-form';
import { EffectiveSummary } from './effective-summary';
import { UseServerDefault } from './use-server-default';

/** The "AI provider" tab of the organization settings: what is used for everyone, the form for administrators. */
export function AiSettingsPanel() {
  const { orgId } = useCurrentOrg();
  const settings = useAiSettings(orgId);
  if (!orgId) return null;
  return (
    <QueryState query={settings} loadingLabel="Loading the AI provider…">
      {() => <Loaded orgId={orgId} settings={settings.data as AiSettings} />}
    </QueryState>
  );
}

function Loaded({ orgId, settings }: { orgId: string; settings: AiSettings }) {
  return (
    <div className="stack">
      <EffectiveSummary orgId={orgId} settings={settings} />
      {settings.can_edit ? (
        <>
          {/* A fresh form for each saved state: the key field empties, the saved values come back. */}
          <AiSettingsForm key={`${orgId}:${settings.updated_at ?? 'server'}`} orgId={orgId} settings={settings} />
          {settings.own ? <UseServerDefault orgId={orgId} /> : null}
        </>
      ) : null}
    </div>
  );
}
