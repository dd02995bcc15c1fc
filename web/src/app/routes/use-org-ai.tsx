import { AiProviderContact, useAiSettings } from '@/features/ai-settings';
import type { OrgAi } from '@/features/generations';

/**
 * What an organization's generations use, from its AI settings, in the shape
 * the generations feature's AI actions take. Undefined until known (or when
 * the server cannot say): the actions then claim nothing either way.
 */
export function useOrgAi(orgId: string | null | undefined): OrgAi | undefined {
  const settings = useAiSettings(orgId);
  const s = settings.data;
  if (!orgId || !s) return undefined;
  const { label, model, is_ai: isAi, source } = s.effective;
  return { label, model, isAi, source, contact: <AiProviderContact orgId={orgId} canEdit={s.can_edit} /> };
}
