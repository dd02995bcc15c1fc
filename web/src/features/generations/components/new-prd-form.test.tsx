import { configure, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { installFakeFetch, json, problem } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { NewPrdForm } from './new-prd-form';
import { signedInTo } from '@/test/session';

// Streams and lazy chunks can be slow on a loaded machine: wait longer than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

const providers = {
  default: 'template',
  items: [
    { name: 'template', label: 'Template', is_ai: false, default_model: 'template-v1', models: [{ id: 'template-v1' }] },
    { name: 'openai', label: 'OpenAI', is_ai: true, default_model: 'gpt-4o-mini', models: [{ id: 'gpt-4o-mini' }, { id: 'gpt-4o' }] },
  ],
};
const templates = {
  items: [
    { id: 'lean', name: 'lean', label: 'Lean', builtin: true },
    { id: 'u-1', name: 'Our house style', label: 'Our house style', builtin: false },
  ],
  next_cursor: null,
};

describe('NewPrdForm', () => {
  signedInTo('o1');

  it('labels the template provider honestly and sends the brief as a prd generation', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/ai/providers': () => json(providers),
      'GET /api/v1/orgs/o1/templates': () => json(templates),
      'POST /api/v1/projects/p1/generations': () => json({ id: 'g7', status: 'queued', cached: false }, 202),
    });
    const onStarted = vi.fn();
    renderWithProviders(<NewPrdForm projectId="p1" onStarted={onStarted} />);
    expect(await screen.findByRole('option', { name: 'Template (offline, not AI) — default' })).toBeInTheDocument();
    expect(await screen.findByRole('option', { name: 'Our house style' })).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/Product name/), 'QuickPay');
    await userEvent.type(screen.getByLabelText(/^Description/), 'Payments by QR code');
    await userEvent.type(screen.getByLabelText('New Key features'), 'QR{Enter}');
    await userEvent.type(screen.getByLabelText('New Constraints'), 'PCI DSS{Enter}');
    await userEvent.selectOptions(screen.getByLabelText('Template'), 'Our house style');
    await userEvent.selectOptions(screen.getByLabelText('Provider'), 'openai');
    await userEvent.selectOptions(screen.getByLabelText('Model'), 'gpt-4o');
    await userEvent.click(screen.getByLabelText(/Use the cache/));
    await userEvent.click(screen.getByRole('button', { name: 'Generate PRD' }));

    await waitFor(() => expect(onStarted).toHaveBeenCalledWith('g7'));
    expect(fake.calls('POST', '/api/v1/projects/p1/generations')[0].body).toEqual({
      kind: 'prd',
      input: { product_name: 'QuickPay', description: 'Payments by QR code', key_features: ['QR'], constraints: ['PCI DSS'] },
      template: 'Our house style',
      provider: 'openai',
      model: 'gpt-4o',
      cache: false,
    });
  });

  it('sends a feature and a constraint typed but not added with their buttons', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/ai/providers': () => json(providers),
      'GET /api/v1/orgs/o1/templates': () => json(templates),
      'POST /api/v1/projects/p1/generations': () => json({ id: 'g8', status: 'queued', cached: false }, 202),
    });
    const onStarted = vi.fn();
    renderWithProviders(<NewPrdForm projectId="p1" onStarted={onStarted} />);
    await userEvent.type(screen.getByLabelText(/Product name/), 'QuickPay');
    await userEvent.type(screen.getByLabelText(/^Description/), 'Payments by QR code');
    await userEvent.type(screen.getByLabelText('New Key features'), 'QR{Enter}');
    await userEvent.type(screen.getByLabelText('New Key features'), 'Refunds');
    await userEvent.type(screen.getByLabelText('New Constraints'), 'PCI DSS compliant');
    await userEvent.click(await screen.findByRole('button', { name: /^Generate PRD/ }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledWith('g8'));
    expect(fake.calls('POST', '/api/v1/projects/p1/generations')[0].body).toMatchObject({
      input: { key_features: ['QR', 'Refunds'], constraints: ['PCI DSS compliant'] },
    });
    // They show as added.
    expect(screen.getByLabelText('Constraints 1')).toHaveValue('PCI DSS compliant');
  });

  it('shows the server’s 422 errors on the matching fields', async () => {
    installFakeFetch({
      'GET /api/v1/ai/providers': () => json(providers),
      'GET /api/v1/orgs/o1/templates': () => json(templates),
      'POST /api/v1/projects/p1/generations': () =>
        problem(422, { title: 'Validation failed', code: 'validation_failed', errors: [{ field: 'input.product_name', message: 'is too long' }] }),
    });
    const onStarted = vi.fn();
    renderWithProviders(<NewPrdForm projectId="p1" onStarted={onStarted} />);
    await userEvent.type(screen.getByLabelText(/Product name/), 'X');
    await userEvent.type(screen.getByLabelText(/^Description/), 'Y');
    // The server's default is the template: the button says what will write the draft.
    await userEvent.click(screen.getByRole('button', { name: 'Generate PRD with the offline template (not AI)' }));
    expect(await screen.findByText('Product name is too long.')).toBeInTheDocument();
    expect(screen.getByLabelText(/Product name/)).toHaveAttribute('aria-invalid', 'true');
    expect(onStarted).not.toHaveBeenCalled();
  });

  it('shows the budget left, and refuses up front with the reason when it is used up', async () => {
    const usage = (used: number) => ({
      from: '', to: '', totals: {}, by_day: [], by_user: [], by_model: [],
      budget: { monthly_tokens: 10000, monthly_usd: null, month_tokens_used: used, month_cost_usd: 0, month_tokens_reserved: 500, month_cost_reserved_usd: 0 },
    });
    installFakeFetch({
      'GET /api/v1/ai/providers': () => json(providers),
      'GET /api/v1/orgs/o1/templates': () => json(templates),
      'GET /api/v1/orgs/o1/usage': () => json(usage(2000)),
    });
    const { unmount } = renderWithProviders(<NewPrdForm projectId="p1" onStarted={vi.fn()} />);
    expect(await screen.findByText('Budget: 7,500 tokens left this month.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Generate PRD/ })).toBeEnabled();
    unmount();
    cleanup();
    vi.unstubAllGlobals();

    installFakeFetch({
      'GET /api/v1/ai/providers': () => json(providers),
      'GET /api/v1/orgs/o1/templates': () => json(templates),
      'GET /api/v1/orgs/o1/usage': () => json(usage(9500)),
    });
    renderWithProviders(<NewPrdForm projectId="p1" onStarted={vi.fn()} />);
    expect(await screen.findByText(/monthly AI budget is used up/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Generate PRD/ })).toBeDisabled();
  });
});
