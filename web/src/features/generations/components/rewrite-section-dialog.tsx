import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { Dialog } from '@/components/dialog';
import { ErrorMessage } from '@/components/error-message';
import { Field, Select, TextArea } from '@/components/field';
import { Loading } from '@/components/spinner';
import { fieldSentence } from '@/lib/field-messages';
import { limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import { useApplyGeneration } from '../api/generations-api';
import { useProposalRun } from '../api/use-proposal-run';
import type { OrgAi } from '../org-ai';
import { AllowanceNotice, useAllowance } from './generation-allowance';
import { NeedsAiNotice, useNeedsAi } from './needs-ai';
import { ProviderFields, type ProviderChoice } from './provider-fields';
import { RewriteNote } from './rewrite-note';
import { RunProgress } from './run-progress';
import '../generations.css';

const SectionDiff = lazy(() => import('./section-diff').then((m) => ({ default: m.SectionDiff })));

export interface RewriteSectionDialogProps {
  open: boolean;
  onClose: () => void;
  projectId: string;
  documentId: string;
  /** The document's `##` section titles (Document.sections[].title). */
  sections: string[];
  /** Preselected section (e.g. the one whose "Rewrite" button was pressed). */
  section?: string;
  /** A starting instruction (e.g. a quality finding to fix). */
  instruction?: string;
  /** Called after Accept with the new version number. */
  onApplied?: (result: { documentId: string; version: number }) => void;
  /** Delay before resuming a dropped stream (tests shorten it). */
  retryDelayMs?: number;
  /** What the organization's generations use; when it is not AI, the dialog says so. */
  ai?: OrgAi;
}

const offlineRewrite = 'it does not rewrite text, it would only copy the section with your instruction as a note for a person.';

/**
 * Rewrite one section with AI: section + instruction → streamed proposal →
 * diff of the current and proposed text → Accept (a new document version)
 * or Reject.
 */
export function RewriteSectionDialog({ open, onClose, projectId, documentId, sections, section, instruction: initialInstruction, onApplied, retryDelayMs, ai }: RewriteSectionDialogProps) {
  const qc = useQueryClient();
  const needsAi = useNeedsAi(ai);
  const run = useProposalRun(projectId, { retryDelayMs });
  const apply = useApplyGeneration();
  const allowance = useAllowance();
  const [chosen, setChosen] = useState(section ?? sections[0] ?? '');
  const [instruction, setInstruction] = useState(initialInstruction ?? '');
  const [choice, setChoice] = useState<ProviderChoice>({ provider: '', model: '' });
  const [useCache, setUseCache] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [appliedVersion, setAppliedVersion] = useState<number | null>(null);

  useEffect(() => {
    if (open) setChosen(section ?? sections[0] ?? '');
    // Only when the dialog (re)opens or another section is preselected.
  }, [open, section]);

  const close = () => {
    run.reset();
    apply.reset();
    setInstruction('');
    setErrors({});
    setAppliedVersion(null);
    onClose();
  };

  // With the offline template as the default, a provider of the server that is AI is named instead.
  const provider = choice.provider || needsAi.fallback?.value || '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!chosen) errs.section = 'Choose a section.';
    if (!instruction.trim()) errs.instruction = 'Say how the section should change.';
    const long = tooLong('The instruction', instruction, limits.instruction);
    if (long) errs.instruction = long;
    setErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      await run.start({
        kind: 'section',
        input: { document_id: documentId, section: chosen, instruction: instruction.trim() },
        provider: provider || undefined,
        model: choice.model || undefined,
        cache: useCache,
      });
    } catch (err) {
      if (isApiError(err)) {
        const mapped: Record<string, string> = {};
        for (const fe of err.errors) mapped[fe.field.replace(/^\/?input[./]/, '')] ??= fieldSentence(fe);
        setErrors(mapped);
      }
    }
  };

  const accept = async () => {
    if (!run.generationId) return;
    const result = await apply.mutateAsync(run.generationId).catch(() => null);
    if (!result) return;
    const version = Number(result.version ?? 0);
    setAppliedVersion(version);
    void qc.invalidateQueries({ queryKey: ['documents'] });
    onApplied?.({ documentId, version });
  };

  const generating = !!run.generationId;
  const proposal = run.proposal;
  const conflict = isApiError(apply.error) && (apply.error.status === 412 || apply.error.code === 'version_conflict');

  if (ai && (needsAi.blocked || needsAi.pending)) {
    return (
      <Dialog open={open} onClose={close} title="Rewrite a section with AI" footer={<Button onClick={close}>Close</Button>}>
        {needsAi.pending ? <Loading /> : <NeedsAiNotice ai={ai} action="Rewriting a section" instead={offlineRewrite} />}
      </Dialog>
    );
  }

  let footer;
  if (appliedVersion !== null) {
    footer = (
      <Button variant="primary" onClick={close}>
        Done
      </Button>
    );
  } else if (proposal) {
    footer = (
      <>
        <Button onClick={close} disabled={apply.isPending}>
          Reject
        </Button>
        <Button variant="primary" onClick={() => void accept()} loading={apply.isPending} disabled={conflict}>
          Accept rewrite
        </Button>
      </>
    );
  } else if (generating) {
    footer = (
      <>
        <Button onClick={run.reset} disabled={run.running}>
          Back
        </Button>
        <Button onClick={close}>Close</Button>
      </>
    );
  } else {
    footer = (
      <>
        <Button onClick={close}>Cancel</Button>
        <Button type="submit" form="rewrite-section-form" variant="primary" loading={run.starting} disabled={!!allowance.refusal}>
          Propose rewrite
        </Button>
      </>
    );
  }

  return (
    <Dialog open={open} onClose={close} title={proposal ? `Proposed rewrite of “${proposal.section}”` : 'Rewrite a section with AI'} footer={footer} className="dialog-wide">
      {!generating ? (
        <form id="rewrite-section-form" className="form" onSubmit={submit} noValidate>
          <AllowanceNotice allowance={allowance} />
          {ai && needsAi.offline ? <NeedsAiNotice ai={ai} action="Rewriting a section" instead={offlineRewrite} fallback={needsAi.fallback} /> : null}
          {run.startError ? <ErrorMessage error={run.startError} showFieldErrors={isApiError(run.startError) && !run.startError.errors.every((x) => /section|instruction|provider|model/.test(x.field))} /> : null}
          <Field label="Section" error={errors.section} required>
            <Select name="section" value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {sections.length === 0 ? <option value="">This document has no sections</option> : null}
              {sections.map((s) => (
                <option key={s} value={s}>
                  {s || 'Preamble'}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Instruction"
            error={errors.instruction}
            hint={
              <>
                e.g. “Make it shorter and add a measurable target.” <CharCount value={instruction} max={limits.instruction} />
              </>
            }
            required
          >
            <TextArea name="instruction" value={instruction} rows={3} onChange={(e) => setInstruction(e.target.value)} />
          </Field>
          <details className="advanced">
            <summary>Provider and model</summary>
            <ProviderFields value={{ ...choice, provider }} onChange={setChoice} errors={errors} ai={ai} />
            <label className="checkbox">
              <input type="checkbox" checked={useCache} onChange={(e) => setUseCache(e.target.checked)} />
              Use the cache
            </label>
          </details>
        </form>
      ) : (
        <div className="stack">
          <RunProgress generationId={run.generationId ?? ''} state={run.state} running={run.running} />
          {appliedVersion !== null ? (
            <p className="alert alert-success" role="status">
              Accepted: the document is now at version {appliedVersion}.
            </p>
          ) : null}
          {apply.error ? (
            <ErrorMessage
              error={apply.error}
              title={conflict ? 'The document changed since this proposal' : undefined}
            />
          ) : null}
          {conflict ? <p>Close this dialog and ask for a new rewrite of the current text.</p> : null}
          {proposal?.note && appliedVersion === null ? <RewriteNote note={proposal.note} /> : null}
          {proposal && appliedVersion === null ? (
            <Suspense fallback={<Loading label="Loading the diff…" />}>
              <SectionDiff original={proposal.original} proposed={proposal.proposed} />
            </Suspense>
          ) : null}
          {!proposal && run.state.text ? (
            <section aria-label="Proposed text so far" aria-busy={run.running}>
              <pre className="generation-raw" tabIndex={0} data-testid="proposal-stream">
                {run.state.text}
              </pre>
            </section>
          ) : null}
          {run.finished && !run.succeeded && !run.state.error ? <p role="alert">The rewrite did not finish.</p> : null}
        </div>
      )}
    </Dialog>
  );
}
