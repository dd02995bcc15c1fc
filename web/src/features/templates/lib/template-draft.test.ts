import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/problem';
import { draftFrom, errorsFromApi, move, orderedErrors, toInput, validateDraft, type TemplateDraft } from './template-draft';

const section = (key: string, title: string, guidance = '', required = true) => ({ key, title, guidance, required });
const draft = (over: Partial<TemplateDraft> = {}): TemplateDraft => ({
  name: 'Discovery',
  description: 'For early ideas.',
  sections: [section('a', 'Problem', 'Who hurts, and how much.'), section('b', 'Goals')],
  ...over,
});

describe('validateDraft', () => {
  it('accepts a complete draft', () => {
    expect(validateDraft(draft())).toEqual({});
  });

  it('says what is missing in sentences, on the field it concerns', () => {
    const errors = validateDraft(draft({ name: '  ', sections: [section('a', ''), section('b', 'Goals'), section('c', 'Goals')] }));
    expect(errors).toEqual({
      name: 'Give the template a name.',
      'a.title': 'Section 1 needs a title.',
      'c.title': 'Section 3 has the same title as section 2 (“Goals”). Section titles must differ.',
    });
    expect(validateDraft(draft({ sections: [] })).sections).toBe('Add at least one section.');
  });

  it('refuses another template’s name, whatever its case', () => {
    expect(validateDraft(draft({ name: 'lean' }), ['Lean', 'technical']).name).toBe('A template named “lean” already exists. Choose another name.');
  });

  it('counts characters, not UTF-16 units, against the limits', () => {
    expect(validateDraft(draft({ name: '🙂'.repeat(100) })).name).toBeUndefined();
    expect(validateDraft(draft({ name: 'x'.repeat(101) })).name).toBe('The name is 1 character too long: at most 100.');
    expect(validateDraft(draft({ sections: [section('a', 'Problem', 'g'.repeat(2001))] }))['a.guidance']).toBe(
      'The guidance for section 1 is 1 character too long: at most 2,000.',
    );
    expect(validateDraft(draft({ sections: [section('a', 't'.repeat(203))] }))['a.title']).toBe('Section 1’s title is 3 characters too long: at most 200.');
  });
});

describe('errorsFromApi', () => {
  it('turns the server’s field errors into sentences on the fields they name', () => {
    const err = new ApiError({
      status: 422,
      code: 'validation_failed',
      title: 'Validation failed',
      errors: [
        { field: 'sections[1].title', message: 'repeats another section' },
        { field: '/name', message: 'must not be blank' },
        { field: 'sections', message: 'must be an array of 1–50 sections' },
        { field: 'colour', message: 'is not a known field' },
      ],
    });
    expect(errorsFromApi(err, draft())).toEqual({
      'b.title': 'Section 2’s title repeats another section.',
      name: 'The name must not be blank.',
      sections: 'The sections must be an array of 1–50 sections.',
      form: 'The field “colour” is not a known field.',
    });
  });

  it('puts a name conflict on the name, and anything else above the form', () => {
    const conflict = new ApiError({ status: 409, code: 'conflict', title: 'Conflict', detail: 'a built-in template already uses this name' });
    expect(errorsFromApi(conflict, draft()).name).toBe('A built-in template already uses this name. Choose another name.');
    const forbidden = new ApiError({ status: 403, code: 'forbidden', title: 'Forbidden', detail: 'you need the admin role' });
    expect(errorsFromApi(forbidden, draft())).toEqual({ form: 'You need the admin role.' });
  });

  it('lists errors in the order of the form', () => {
    const d = draft();
    expect(orderedErrors({ 'b.title': 'B.', name: 'N.', 'a.guidance': 'G.' }, d).map((e) => e.field)).toEqual(['name', 'a.guidance', 'b.title']);
  });
});

describe('drafts and requests', () => {
  it('sends trimmed values with the sections in the order shown', () => {
    const d = draft({ name: ' Discovery ', sections: move([section('a', ' Problem '), section('b', 'Goals', ' why ', false)], 1, 0) });
    expect(toInput(d)).toEqual({
      name: 'Discovery',
      description: 'For early ideas.',
      sections: [
        { title: 'Goals', guidance: 'why', required: false },
        { title: 'Problem', guidance: '', required: true },
      ],
    });
  });

  it('a copy of a built-in keeps its sections and gets a name of its own', () => {
    const lean = {
      id: 'lean',
      name: 'lean',
      label: 'Lean',
      description: 'Short.',
      version: 1,
      builtin: true,
      org_id: null,
      created_at: null,
      updated_at: null,
      sections: [{ title: 'Problem', guidance: 'Why.', required: true }],
    };
    const copy = draftFrom(lean, { copy: true });
    expect(copy.name).toBe('Lean (copy)');
    expect(copy.sections.map((s) => s.title)).toEqual(['Problem']);
    expect(draftFrom().sections).toHaveLength(1);
  });
});
