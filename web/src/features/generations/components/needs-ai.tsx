import type { OrgAi } from '../org-ai';
import { useProviderOptions, type ProviderOption } from './provider-fields';

/**
 * Whether an action that needs AI can run for this organization: its
 * default is the offline template (`offline`), and the server may still
 * offer an AI provider to name instead (`fallback`). `blocked`: none at all.
 */
export function useNeedsAi(ai?: OrgAi) {
  const { query, options } = useProviderOptions(ai);
  const offline = !!ai && !ai.isAi;
  const fallback: ProviderOption | undefined = offline ? options.find((o) => o.isAi && o.value) : undefined;
  return { offline, pending: offline && query.isPending, fallback, blocked: offline && !query.isPending && !fallback };
}

export interface NeedsAiNoticeProps {
  ai: OrgAi;
  /** "Rewriting a section", "Generating stories". */
  action: string;
  /** What the offline template would do instead, as the end of a sentence. */
  instead: string;
  /** An AI provider of the server, chosen for this request instead. */
  fallback?: ProviderOption;
}

/** Says plainly that the organization's default is not AI, and who can change that. */
export function NeedsAiNotice({ ai, action, instead, fallback }: NeedsAiNoticeProps) {
  return (
    <div className="alert alert-warning" data-testid="needs-ai">
      <p className="alert-title">{action} needs an AI provider</p>
      <p>This organization’s generations use the offline template, which is not AI: {instead}</p>
      {ai.contact}
      {fallback ? <p>The server also offers {fallback.label.replace(/ — .*$/, '')}, chosen below for this request.</p> : null}
    </div>
  );
}
