// A template as the form edits it, the checks the server would make (so the
// user hears about them before sending), and every error as a sentence that
// names the field the way the form shows it ("Section 2's title …").
import { limits as fieldLimits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import type { NewTemplate, Template } from '../api/templates-api';

export const limits = {
  name: fieldLimits.templateName,
  description: fieldLimits.templateDescription,
  sections: 50,
  title: fieldLimits.sectionTitle,
  guidance: fieldLimits.sectionGuidance,
} as const;

export interface SectionDraft {
  /** Stable identity across reordering (React key, focus after a move). */
  key: string;
  title: string;
  guidance: string;
  required: boolean;
}

export interface TemplateDraft {
  name: string;
  description: string;
  sections: SectionDraft[];
}

let nextKey = 0;
export const newSectionKey = () => `s${++nextKey}`;

export function emptySection(): SectionDraft {
  return { key: newSectionKey(), title: '', guidance: '', required: true };
}

/** A draft from an existing template (to edit, or to copy a built-in: then the name is left to choose). */
export function draftFrom(template?: Template, { copy = false } = {}): TemplateDraft {
  if (!template) return { name: '', description: '', sections: [emptySection()] };
  return {
    name: copy ? `${template.label || template.name} (copy)` : template.name,
    description: template.description,
    sections: template.sections.map((s) => ({ key: newSectionKey(), title: s.title, guidance: s.guidance, required: s.required })),
  };
}

/** The request body: trimmed, sections in the order shown. */
export function toInput(draft: TemplateDraft): NewTemplate {
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    sections: draft.sections.map((s) => ({ title: s.title.trim(), guidance: s.guidance.trim(), required: s.required })),
  };
}

/**
 * Errors keyed by form field: `name`, `description`, `sections`, and
 * `<section key>.title` / `<section key>.guidance`; each is a full sentence.
 */
export type DraftErrors = Record<string, string>;

const sectionName = (i: number) => `Section ${i + 1}`;

/** What the server would refuse, found before sending. `takenNames`: other templates' names (built-ins included). */
export function validateDraft(draft: TemplateDraft, takenNames: readonly string[] = []): DraftErrors {
  const errors: DraftErrors = {};
  const name = draft.name.trim();
  const longName = tooLong('The name', name, limits.name);
  if (!name) errors.name = 'Give the template a name.';
  else if (longName) errors.name = longName;
  else if (takenNames.some((n) => n.trim().toLowerCase() === name.toLowerCase()))
    errors.name = `A template named “${name}” already exists. Choose another name.`;
  const longDescription = tooLong('The description', draft.description, limits.description);
  if (longDescription) errors.description = longDescription;
  if (draft.sections.length === 0) errors.sections = 'Add at least one section.';
  else if (draft.sections.length > limits.sections) errors.sections = `A template can have at most ${limits.sections} sections.`;
  const seen = new Map<string, number>();
  draft.sections.forEach((s, i) => {
    const title = s.title.trim();
    const longTitle = tooLong(`${sectionName(i)}’s title`, title, limits.title);
    if (!title) errors[`${s.key}.title`] = `${sectionName(i)} needs a title.`;
    else if (/[\r\n]/.test(title)) errors[`${s.key}.title`] = `${sectionName(i)}’s title must fit on one line.`;
    else if (longTitle) errors[`${s.key}.title`] = longTitle;
    else if (seen.has(title))
      errors[`${s.key}.title`] = `${sectionName(i)} has the same title as section ${(seen.get(title) ?? 0) + 1} (“${title}”). Section titles must differ.`;
    else seen.set(title, i);
    const longGuidance = tooLong(`The guidance for ${sectionName(i).toLowerCase()}`, s.guidance, limits.guidance);
    if (longGuidance) errors[`${s.key}.guidance`] = longGuidance;
  });
  return errors;
}

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const capital = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * The server's field errors (`name`, `/sections/2/title`, `sections[2].title`)
 * and its detail as sentences on the draft's fields; what names no known
 * field goes under `form`.
 */
export function errorsFromApi(error: unknown, draft: TemplateDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (!isApiError(error)) return errors;
  for (const fe of error.errors) {
    const path = fe.field.replace(/^\//, '').replace(/\[(\d+)\]/g, '.$1').replace(/\//g, '.');
    const [head, index, part] = path.split('.');
    let key = 'form';
    let subject = '';
    if (head === 'name' || head === 'description') {
      key = head;
      subject = head === 'name' ? 'The name' : 'The description';
    } else if (head === 'sections' && index !== undefined && draft.sections[Number(index)]) {
      const s = draft.sections[Number(index)];
      const label = sectionName(Number(index));
      if (part === 'title') [key, subject] = [`${s.key}.title`, `${label}’s title`];
      else if (part === 'guidance') [key, subject] = [`${s.key}.guidance`, `The guidance for ${label.toLowerCase()}`];
      else [key, subject] = ['sections', label];
    } else if (head === 'sections') {
      [key, subject] = ['sections', 'The sections'];
    } else if (fe.field) {
      subject = `The field “${fe.field}”`;
    }
    if (!(key in errors)) errors[key] = sentence(subject ? `${subject} ${fe.message}` : fe.message);
  }
  if (error.status === 409) errors.name = sentence(error.detail || 'A template with this name already exists') + ' Choose another name.';
  else if (error.status === 412) errors.form = versionConflict;
  else if (!error.errors.length) errors.form = sentence(error.detail || error.title);
  return errors;
}

/** What a 412 on saving means here; the page offers to reload the template. */
export const versionConflict =
  'Someone else saved this template while you were editing it, so your changes were not saved. Reload it to see theirs, then make your changes again.';

/** The errors in the order the form shows their fields. */
export function orderedErrors(errors: DraftErrors, draft: TemplateDraft): { field: string; message: string }[] {
  const order = ['form', 'name', 'description', 'sections', ...draft.sections.flatMap((s) => [`${s.key}.title`, `${s.key}.guidance`])];
  return order.filter((f) => errors[f]).map((field) => ({ field, message: errors[field] }));
}

/** Moves item `from` to `to` (both in range), returning a new array. */
export function move<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item);
  return out;
}
