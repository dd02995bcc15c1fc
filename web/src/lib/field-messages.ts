// Field errors as sentences a person reads, with the field's label
// ({email, "must be a valid e-mail address"} → "E-mail must be a valid e-mail
// address.").
import type { FieldError } from './problem';

/** "the e-mail is taken" → "The e-mail is taken." */
export function asSentence(text: string): string {
  const t = text.trim();
  if (!t) return '';
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

/** Labels of the API's field names, as the forms show them. Forms may pass their own. */
const fieldLabels: Record<string, string> = {
  email: 'E-mail',
  password: 'Password',
  current_password: 'Current password',
  new_password: 'New password',
  name: 'Name',
  organization_name: 'Organization name',
  slug: 'Address',
  key: 'Key',
  title: 'Title',
  description: 'Description',
  content: 'Content',
  status: 'Status',
  role: 'Role',
  product_name: 'Product name',
  target_audience: 'Target audience',
  key_features: 'Key features',
  constraints: 'Constraints',
  template: 'Template',
  provider: 'Provider',
  model: 'Model',
  base_url: 'Base URL',
  api_key: 'API key',
  section: 'Section',
  instruction: 'Instruction',
  count: 'Number of stories',
  document_id: 'Document',
  as_a: 'As a',
  i_want: 'I want',
  so_that: 'So that',
  acceptance_criteria: 'Acceptance criteria',
  points: 'Points',
  priority: 'Priority',
  requirement_ref: 'Requirement',
  expires_in_hours: 'Expiry',
  expires_at: 'Expiry date',
  scopes: 'Access',
  q: 'Search',
  from: 'From',
  to: 'To',
  monthly_budget_usd: 'Monthly AI budget',
  required_approvals: 'Required approvals',
  body: 'Text',
  reviewers: 'Reviewers',
};

/**
 * A field's label from its API name: "input.product_name" → "Product name",
 * "acceptance_criteria[1]" → "Acceptance criteria 2", "/sections/0/title" →
 * "Title". `labels` (the form's own) win over the built-in ones.
 */
export function fieldLabel(field: string, labels: Record<string, string> = {}): string {
  const path = field.replace(/^\//, '').replace(/^input[./]/, '');
  if (labels[path]) return labels[path];
  const parts = path.split(/[./[\]]+/).filter(Boolean);
  // The last named part, and the item number when it is a list item.
  let index: number | undefined;
  while (parts.length && /^\d+$/.test(parts[parts.length - 1])) index = Number(parts.pop());
  const name = parts[parts.length - 1] ?? '';
  const base = labels[name] ?? fieldLabels[name] ?? humanize(name);
  return index === undefined ? base : `${base} ${index + 1}`;
}

function humanize(name: string): string {
  const words = name.replace(/_/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : '';
}

/** Messages that continue the field's name ("must be …", "is taken"). */
const predicate = /^(is|are|was|were|must|should|may|can|cannot|can't|has|have|had|needs?|does|do|contains?|differs?|exceeds?|already|only may)\b/i;

/**
 * One field error as a sentence with the field's label:
 * {email, "must be a valid e-mail address"} → "E-mail must be a valid e-mail address."
 * {provider, "no such provider is configured"} → "Provider: No such provider is configured."
 */
export function fieldSentence(error: FieldError, labels?: Record<string, string>): string {
  const message = error.message.trim() || 'is not valid';
  const label = error.field ? fieldLabel(error.field, labels) : '';
  if (!label) return asSentence(message);
  return predicate.test(message) ? asSentence(`${label} ${message}`) : `${label}: ${asSentence(message)}`;
}

