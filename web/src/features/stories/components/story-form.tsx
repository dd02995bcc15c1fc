import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { ErrorMessage } from '@/components/error-message';
import { Field, Select, TextArea, TextInput } from '@/components/field';
import { ListEditor } from '@/components/list-editor';
import { useListField } from '@/components/list-field';
import { fieldSentence } from '@/lib/field-messages';
import { firstTooLong, limits, tooLong } from '@/lib/limits';
import { isApiError, type FieldError } from '@/lib/problem';
import type { NewStory, Story, StoryPriority, StoryStatus } from '../api/stories-api';
import { priorityNames, statusNames, statusOrder } from '../group';

export const pointChoices = [0, 1, 2, 3, 5, 8, 13, 21] as const;
const fields = ['title', 'as_a', 'i_want', 'so_that', 'acceptance_criteria', 'points', 'priority', 'status', 'requirement_ref', 'document_id'];

export interface StoryFormProps {
  initial?: Story;
  documents: { id: string; title: string }[];
  /** Preselected document for a new story. */
  documentId?: string;
  submitLabel: string;
  onSubmit: (values: NewStory) => Promise<unknown>;
  onCancel: () => void;
}

/** "acceptance_criteria[2]" → ["acceptance_criteria", "Criterion 3 must not be empty."]. */
function fieldOf(error: FieldError): [string, string] {
  const f = error.field.replace(/^\//, '').replace(/\//g, '.');
  if (!/^acceptance_criteria\b/.test(f)) return [f, fieldSentence(error)];
  // One criterion is "Criterion 3"; the list as a whole keeps its label.
  const item = /^acceptance_criteria[.[]\d/.test(f);
  return ['acceptance_criteria', fieldSentence(error, item ? { acceptance_criteria: 'Criterion' } : undefined)];
}

/** Create or edit a story: every field, including the acceptance criteria list. */
export function StoryForm({ initial, documents, documentId, submitLabel, onSubmit, onCancel }: StoryFormProps) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [asA, setAsA] = useState(initial?.as_a ?? '');
  const [iWant, setIWant] = useState(initial?.i_want ?? '');
  const [soThat, setSoThat] = useState(initial?.so_that ?? '');
  const criteria = useListField(initial?.acceptance_criteria ?? []);
  const [points, setPoints] = useState(initial?.points === null || initial?.points === undefined ? '' : String(initial.points));
  const [priority, setPriority] = useState<StoryPriority>(initial?.priority ?? 'medium');
  const [status, setStatus] = useState<StoryStatus>(initial?.status ?? 'todo');
  const [ref, setRef] = useState(initial?.requirement_ref ?? '');
  const [doc, setDoc] = useState(initial ? (initial.document_id ?? '') : (documentId ?? ''));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // A criterion typed but not added with its button is kept.
    const acceptanceCriteria = criteria.commit();
    const errs: Record<string, string> = {};
    if (!title.trim()) errs.title = 'Enter a title.';
    const longTitle = tooLong('The title', title, limits.storyTitle);
    if (longTitle) errs.title = longTitle;
    for (const [name, label, value] of [
      ['as_a', '“As a”', asA],
      ['i_want', '“I want”', iWant],
      ['so_that', '“So that”', soThat],
    ] as const) {
      const long = tooLong(label, value, limits.storyText);
      if (long) errs[name] = long;
    }
    const longCriterion = firstTooLong('Criterion', acceptanceCriteria, limits.acceptanceCriterion);
    if (longCriterion) errs.acceptance_criteria = longCriterion;
    const reqRef = ref.trim().toUpperCase();
    if (reqRef && !/^(FR|NFR|SM)-[1-9]\d{0,5}$/.test(reqRef)) errs.requirement_ref = 'Use a requirement id such as FR-12, NFR-3 or SM-1, or leave it empty.';
    setErrors(errs);
    setError(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await onSubmit({
        title: title.trim(),
        as_a: asA.trim(),
        i_want: iWant.trim(),
        so_that: soThat.trim(),
        acceptance_criteria: acceptanceCriteria.map((c) => c.trim()),
        points: points === '' ? null : (Number(points) as NewStory['points']),
        priority,
        status,
        requirement_ref: reqRef || null,
        document_id: doc || null,
      });
    } catch (err) {
      if (isApiError(err) && err.errors.length) {
        const mapped: Record<string, string> = {};
        for (const fe of err.errors) {
          const [name, message] = fieldOf(fe);
          mapped[name] ??= message;
        }
        setErrors(mapped);
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const unmapped = isApiError(error) && error.errors.some((x) => !fields.includes(fieldOf(x)[0]));
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={initial ? 'Edit story' : 'New story'}>
      {error ? <ErrorMessage error={error} showFieldErrors={unmapped} /> : null}
      <Field label="Title" error={errors.title} hint={<CharCount value={title} max={limits.storyTitle} />} required>
        <TextInput name="title" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
      </Field>
      <Field label="As a" error={errors.as_a} hint={<CharCount value={asA} max={limits.storyText} />}>
        <TextInput name="as_a" value={asA} onChange={(e) => setAsA(e.target.value)} placeholder="shop owner" />
      </Field>
      <Field label="I want" error={errors.i_want} hint={<CharCount value={iWant} max={limits.storyText} />}>
        <TextArea name="i_want" value={iWant} rows={2} onChange={(e) => setIWant(e.target.value)} />
      </Field>
      <Field label="So that" error={errors.so_that} hint={<CharCount value={soThat} max={limits.storyText} />}>
        <TextArea name="so_that" value={soThat} rows={2} onChange={(e) => setSoThat(e.target.value)} />
      </Field>
      <ListEditor
        label="Acceptance criteria"
        field={criteria}
        addLabel="Add criterion"
        placeholder="Given …, when …, then …"
        hint={`Given/When/Then is recommended; at most ${limits.acceptanceCriterion.toLocaleString('en')} characters each.`}
        itemMax={limits.acceptanceCriterion}
        error={errors.acceptance_criteria}
      />
      <div className="form-grid">
        <Field label="Points" error={errors.points}>
          <Select name="points" value={points} onChange={(e) => setPoints(e.target.value)}>
            <option value="">Not estimated</option>
            {pointChoices.map((p) => (
              <option key={p} value={String(p)}>
                {p}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Priority" error={errors.priority}>
          <Select name="priority" value={priority} onChange={(e) => setPriority(e.target.value as StoryPriority)}>
            {Object.entries(priorityNames).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Status" error={errors.status}>
          <Select name="status" value={status} onChange={(e) => setStatus(e.target.value as StoryStatus)}>
            {statusOrder.map((s) => (
              <option key={s} value={s}>
                {statusNames[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Requirement" error={errors.requirement_ref} hint="e.g. FR-12">
          <TextInput name="requirement_ref" value={ref} spellCheck={false} onChange={(e) => setRef(e.target.value.toUpperCase())} />
        </Field>
      </div>
      <Field label="Document" error={errors.document_id}>
        <Select name="document_id" value={doc} onChange={(e) => setDoc(e.target.value)}>
          <option value="">No document</option>
          {documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </Select>
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={busy}>
          {submitLabel}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
