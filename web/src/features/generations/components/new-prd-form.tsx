import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { ErrorMessage } from '@/components/error-message';
import { Field, Select, TextArea, TextInput } from '@/components/field';
import { ListEditor } from '@/components/list-editor';
import { useListField } from '@/components/list-field';
import { useCurrentOrg } from '@/lib/auth';
import { fieldSentence } from '@/lib/field-messages';
import { firstTooLong, limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import { useStartGeneration, useTemplates, type PrdInput } from '../api/generations-api';
import type { OrgAi } from '../org-ai';
import { AllowanceNotice, useAllowance } from './generation-allowance';
import { ProviderFields, useProviderOptions, type ProviderChoice, type ProviderOption } from './provider-fields';

export interface NewPrdFormProps {
  projectId: string;
  onStarted: (generationId: string) => void;
  onCancel?: () => void;
  /** What the organization's generations use; when it is not AI, the form says so. */
  ai?: OrgAi;
  /** A brief to start from (Edit brief and run again). */
  initial?: PrdBrief;
}

/** A PRD request as the form edits it. */
export interface PrdBrief {
  input: Partial<PrdInput>;
  template?: string;
  provider?: string;
  model?: string;
}

const known = new Set(['product_name', 'description', 'target_audience', 'key_features', 'constraints', 'template', 'provider', 'model']);

/** Maps "input.product_name" / "/input/key_features/0" to the form's field names. */
function formField(field: string): string {
  const name = field.replace(/^\//, '').replace(/^input[./]/, '').split(/[.[/]/)[0];
  return name;
}

/** The brief for a new PRD, with template, provider and model → POST kind "prd". */
export function NewPrdForm({ projectId, onStarted, onCancel, ai, initial }: NewPrdFormProps) {
  const { orgId } = useCurrentOrg();
  const providerOptions = useProviderOptions(ai);
  const templates = useTemplates(orgId);
  const start = useStartGeneration(projectId);
  const allowance = useAllowance();
  const brief = initial?.input ?? {};
  const [productName, setProductName] = useState(brief.product_name ?? '');
  const [description, setDescription] = useState(brief.description ?? '');
  const [audience, setAudience] = useState(brief.target_audience ?? '');
  const features = useListField(brief.key_features ?? []);
  const constraints = useListField(brief.constraints ?? []);
  const [template, setTemplate] = useState(initial?.template ?? '');
  const [choice, setChoice] = useState<ProviderChoice>({ provider: initial?.provider ?? '', model: initial?.model ?? '' });
  const [useCache, setUseCache] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // A field's message goes away as soon as the user changes that field.
  const clearError = (name: string) => {
    if (errors[name]) setErrors(({ [name]: _gone, ...rest }) => rest);
  };
  const edited = <T,>(name: string, set: (v: T) => void) => (value: T) => {
    set(value);
    clearError(name);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // A feature or constraint typed but not added with its button is kept.
    const keyFeatures = features.commit();
    const constraintList = constraints.commit();
    const errs: Record<string, string> = {};
    if (!productName.trim()) errs.product_name = 'Enter the product name.';
    if (!description.trim()) errs.description = 'Describe the product in a sentence or two.';
    const checks = [
      ['product_name', 'The product name', productName, limits.productName],
      ['description', 'The description', description, limits.productDescription],
      ['target_audience', 'The target audience', audience, limits.targetAudience],
    ] as const;
    for (const [name, label, value, max] of checks) {
      const long = tooLong(label, value, max);
      if (long) errs[name] = long;
    }
    for (const [name, label, items] of [
      ['key_features', 'Feature', keyFeatures],
      ['constraints', 'Constraint', constraintList],
    ] as const) {
      const long = firstTooLong(label, items, limits.briefItem);
      if (long) errs[name] = long;
    }
    setErrors(errs);
    if (Object.keys(errs).length) {
      const first = errs.product_name ? 'prd-product-name' : errs.description ? 'prd-description' : errs.target_audience ? 'prd-target-audience' : null;
      if (first) document.getElementById(first)?.focus();
      return;
    }
    const input: PrdInput = {
      product_name: productName.trim(),
      description: description.trim(),
      target_audience: audience.trim() || undefined,
      key_features: keyFeatures.map((f) => f.trim()).filter(Boolean),
      constraints: constraintList.map((c) => c.trim()).filter(Boolean),
    };
    try {
      const started = await start.mutateAsync({
        kind: 'prd',
        input,
        template: template || undefined,
        provider: choice.provider || undefined,
        model: choice.model || undefined,
        cache: useCache,
      });
      onStarted(started.id);
    } catch (err) {
      if (isApiError(err) && err.errors.length) {
        const mapped: Record<string, string> = {};
        for (const fe of err.errors) {
          const name = formField(fe.field);
          if (!(name in mapped)) mapped[name] = fieldSentence(fe);
        }
        setErrors(mapped);
      }
    }
  };

  const serverError = start.error;
  const unmapped = isApiError(serverError) && serverError.errors.some((x) => !known.has(formField(x.field)));
  // Drafting with the offline template stays possible, under its own name.
  const offlineDraft = providerOptions.find(choice.provider)?.isAi === false;
  const builtin = templates.data?.items.filter((t) => t.builtin) ?? [];
  const own = templates.data?.items.filter((t) => !t.builtin) ?? [];

  return (
    <form className="form card prd-form" onSubmit={submit} noValidate aria-label="New PRD">
      <AllowanceNotice allowance={allowance} />
      {serverError ? (
        <ErrorMessage
          error={serverError}
          title={isApiError(serverError) && serverError.code === 'budget_exceeded' ? 'Monthly AI budget used up' : undefined}
          showFieldErrors={unmapped}
        />
      ) : null}
      <Field label="Product name" error={errors.product_name} hint={<CharCount value={productName} max={limits.productName} />} required>
        <TextInput id="prd-product-name" name="product_name" value={productName} onChange={(e) => edited('product_name', setProductName)(e.target.value)} autoFocus />
      </Field>
      <Field
        label="Description"
        error={errors.description}
        hint={
          <>
            What it is, the problem it solves, and why now. <CharCount value={description} max={limits.productDescription} />
          </>
        }
        required
      >
        <TextArea id="prd-description" name="description" value={description} rows={4} onChange={(e) => edited('description', setDescription)(e.target.value)} />
      </Field>
      <Field
        label="Target audience"
        error={errors.target_audience}
        hint={
          <>
            Optional. Who uses it? <CharCount value={audience} max={limits.targetAudience} />
          </>
        }
      >
        <TextInput id="prd-target-audience" name="target_audience" value={audience} onChange={(e) => edited('target_audience', setAudience)(e.target.value)} />
      </Field>
      <ListEditor
        label="Key features"
        field={features}
        onEdit={() => clearError('key_features')}
        addLabel="Add feature"
        placeholder="e.g. Pay by QR code"
        itemMax={limits.briefItem}
        error={errors.key_features}
      />
      <ListEditor
        label="Constraints"
        field={constraints}
        onEdit={() => clearError('constraints')}
        addLabel="Add constraint"
        placeholder="e.g. PCI DSS compliant"
        itemMax={limits.briefItem}
        error={errors.constraints}
      />
      <Field label="Template" error={errors.template} hint={templates.isError ? 'Could not load the templates; the default is used.' : undefined}>
        <Select name="template" value={template} onChange={(e) => edited('template', setTemplate)(e.target.value)} disabled={templates.isPending}>
          <option value="">Default (Comprehensive)</option>
          {builtin.length ? (
            <optgroup label="Built-in">
              {builtin.map((t) => (
                <option key={t.id} value={t.name}>
                  {t.label || t.name}
                </option>
              ))}
            </optgroup>
          ) : null}
          {own.length ? (
            <optgroup label="Your organization">
              {own.map((t) => (
                <option key={t.id} value={t.name}>
                  {t.label || t.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </Select>
      </Field>
      <ProviderFields value={choice} onChange={setChoice} errors={errors} ai={ai} />
      {ai && !ai.isAi && offlineDraft ? <OfflineTemplateNote ai={ai} offered={providerOptions.options.find((o) => o.isAi && o.value)} /> : null}
      <label className="checkbox">
        <input type="checkbox" name="cache" checked={useCache} onChange={(e) => setUseCache(e.target.checked)} />
        Use the cache (an identical earlier request is answered without calling the provider)
      </label>
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={start.isPending} disabled={!!allowance.refusal}>
          {offlineDraft ? 'Generate PRD with the offline template (not AI)' : 'Generate PRD'}
        </Button>
        {onCancel ? (
          <Button onClick={onCancel} disabled={start.isPending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * The organization's default writer is not AI and the draft will come from
 * it: say what that draft is, what else the server offers, and who can
 * connect a provider.
 */
function OfflineTemplateNote({ ai, offered }: { ai: OrgAi; offered?: ProviderOption }) {
  return (
    <div className="alert alert-warning" data-testid="offline-template-note">
      <p className="alert-title">{offered ? 'This draft comes from the offline template (not AI)' : 'No AI provider: drafts come from the offline template (not AI)'}</p>
      <p>
        It fills the chosen template with your brief. No AI is called, and every section marked “To complete” needs a person.
        {offered ? ` For an AI draft, choose ${offered.label} under Provider.` : ''}
      </p>
      {ai.contact}
    </div>
  );
}
