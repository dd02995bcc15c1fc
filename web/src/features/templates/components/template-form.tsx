import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { Field, TextArea, TextInput } from '@/components/field';
import {
  emptySection,
  errorsFromApi,
  limits,
  move,
  orderedErrors,
  validateDraft,
  type DraftErrors,
  type SectionDraft,
  type TemplateDraft,
} from '../lib/template-draft';

export interface TemplateFormProps {
  initial: TemplateDraft;
  submitLabel: string;
  /** Sends the draft; a rejected promise's ApiError is shown on the fields it names. */
  onSubmit: (draft: TemplateDraft) => Promise<unknown>;
  onCancel: () => void;
  /** Names of the other templates (a new name must differ from them). */
  takenNames?: readonly string[];
  /** Extra buttons at the end of the actions row (e.g. Delete). */
  extraActions?: ReactNode;
}

type FocusTarget = { key: string; what: 'title' | 'up' | 'down' } | { key: 'add' } | null;

/**
 * Name, description and sections (title, guidance, required), with sections
 * added, removed and reordered by buttons. Problems are listed as sentences
 * above the form (each a link to its field) and repeated under the field.
 */
export function TemplateForm({ initial, submitLabel, onSubmit, onCancel, takenNames = [], extraActions }: TemplateFormProps) {
  const [draft, setDraft] = useState<TemplateDraft>(initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<FocusTarget>(null);
  const summary = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const ids = (key: string, what: string) => `template-${key}-${what}`;

  // Focus follows the control the user just used (a moved section's button, a new section's title).
  useEffect(() => {
    if (!focus) return;
    // A section moved to the top or bottom has that button disabled: the other move button takes the focus.
    const candidates =
      'what' in focus
        ? [ids(focus.key, focus.what), ...(focus.what === 'title' ? [] : [ids(focus.key, focus.what === 'up' ? 'down' : 'up'), ids(focus.key, 'title')])]
        : ['template-add-section'];
    const usable = candidates
      .map((id) => document.getElementById(id))
      .find((el): el is HTMLElement => !!el && !(el instanceof HTMLButtonElement && el.disabled));
    usable?.focus();
    setFocus(null);
  }, [focus]);

  const setField = (field: keyof Omit<TemplateDraft, 'sections'>, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
  };
  const setSection = (key: string, change: Partial<SectionDraft>) => {
    setDraft((d) => ({ ...d, sections: d.sections.map((s) => (s.key === key ? { ...s, ...change } : s)) }));
    const field = 'title' in change ? `${key}.title` : 'guidance' in change ? `${key}.guidance` : '';
    if (field && errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
  };
  const moveSection = (index: number, by: -1 | 1) => {
    const key = draft.sections[index].key;
    setDraft((d) => ({ ...d, sections: move(d.sections, index, index + by) }));
    setFocus({ key, what: by < 0 ? 'up' : 'down' });
  };
  const removeSection = (key: string) => {
    setDraft((d) => ({ ...d, sections: d.sections.filter((s) => s.key !== key) }));
    setFocus({ key: 'add' });
  };
  const addSection = () => {
    const section = emptySection();
    setDraft((d) => ({ ...d, sections: [...d.sections, section] }));
    if (errors.sections) setErrors(({ sections: _gone, ...rest }) => rest);
    setFocus({ key: section.key, what: 'title' });
  };

  const showErrors = (found: DraftErrors) => {
    setErrors(found);
    // The summary is announced (role=alert) and takes the focus, so keyboard users start from it.
    window.requestAnimationFrame(() => summary.current?.focus());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateDraft(draft, takenNames);
    if (Object.keys(found).length) return showErrors(found);
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(draft);
    } catch (err) {
      showErrors(errorsFromApi(err, draft));
    } finally {
      if (form.current?.isConnected) setBusy(false);
    }
  };

  const listed = orderedErrors(errors, draft);
  const fieldId = (field: string) => (field === 'form' ? undefined : field === 'sections' ? 'template-add-section' : field.includes('.') ? ids(field.split('.')[0], field.split('.')[1]) : `template-${field}`);

  return (
    <form ref={form} className="form template-form" onSubmit={submit} noValidate aria-label="Template">
      {listed.length ? (
        <div ref={summary} className="alert alert-error" role="alert" tabIndex={-1} aria-labelledby="template-errors-title">
          <p className="alert-title" id="template-errors-title">
            {listed.length === 1 ? 'One thing to fix before saving' : `${listed.length} things to fix before saving`}
          </p>
          <ul>
            {listed.map(({ field, message }) => {
              const target = fieldId(field);
              return (
                <li key={field}>
                  {target ? (
                    <a
                      href={`#${target}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(target)?.focus();
                      }}
                    >
                      {message}
                    </a>
                  ) : (
                    message
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      <Field
        label="Name"
        error={errors.name}
        required
        hint={
          <>
            Shown in the template pickers. It must differ from the built-in templates’ names. <CharCount value={draft.name} max={limits.name} />
          </>
        }
      >
        <TextInput id="template-name" name="name" value={draft.name} onChange={(e) => setField('name', e.target.value)} />
      </Field>
      <Field
        label="Description"
        error={errors.description}
        hint={
          <>
            When to use this template, in a sentence or two. <CharCount value={draft.description} max={limits.description} />
          </>
        }
      >
        <TextArea id="template-description" name="description" rows={2} value={draft.description} onChange={(e) => setField('description', e.target.value)} />
      </Field>

      <fieldset className="template-sections-editor">
        <legend>Sections</legend>
        <p className="field-hint">Each section becomes a “## ” heading of documents made from the template, in this order. The guidance tells writers and the AI what belongs in it.</p>
        <ol className="template-section-list">
          {draft.sections.map((s, i) => {
            const label = s.title.trim() ? `section ${i + 1} (${s.title.trim()})` : `section ${i + 1}`;
            return (
              <li key={s.key} className="template-section-item">
                <fieldset className="template-section-fields">
                  <legend className="template-section-legend">Section {i + 1}</legend>
                  <Field label="Title" error={errors[`${s.key}.title`]} required hint={<CharCount value={s.title} max={limits.title} />}>
                    <TextInput id={ids(s.key, 'title')} value={s.title} onChange={(e) => setSection(s.key, { title: e.target.value })} />
                  </Field>
                  <Field label="Guidance" error={errors[`${s.key}.guidance`]} hint={<CharCount value={s.guidance} max={limits.guidance} />}>
                    <TextArea id={ids(s.key, 'guidance')} rows={2} value={s.guidance} onChange={(e) => setSection(s.key, { guidance: e.target.value })} />
                  </Field>
                  <label className="checkbox">
                    <input type="checkbox" checked={s.required} onChange={(e) => setSection(s.key, { required: e.target.checked })} /> Required (the quality check flags a document without it)
                  </label>
                  <div className="template-section-actions">
                    <Button size="sm" id={ids(s.key, 'up')} disabled={i === 0} onClick={() => moveSection(i, -1)} aria-label={`Move up: ${label}`}>
                      Move up
                    </Button>
                    <Button size="sm" id={ids(s.key, 'down')} disabled={i === draft.sections.length - 1} onClick={() => moveSection(i, 1)} aria-label={`Move down: ${label}`}>
                      Move down
                    </Button>
                    <Button size="sm" variant="ghost" className="template-remove" disabled={draft.sections.length === 1} onClick={() => removeSection(s.key)} aria-label={`Remove ${label}`}>
                      Remove
                    </Button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        {errors.sections ? <p className="field-error">{errors.sections}</p> : null}
        <Button id="template-add-section" onClick={addSection} disabled={draft.sections.length >= limits.sections}>
          Add section
        </Button>
      </fieldset>

      <div className="form-actions">
        <Button type="submit" variant="primary" loading={busy}>
          {submitLabel}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        {extraActions}
      </div>
    </form>
  );
}
