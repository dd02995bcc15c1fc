import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/problem';
import { ErrorMessage } from './error-message';

const forbidden = new ApiError({ status: 403, code: 'forbidden', title: 'Forbidden', detail: 'your role does not allow this', requestId: 'req-7f3a' });

describe('ErrorMessage', () => {
  it('says what happened and what to do, with the request id folded away under Details', async () => {
    render(<ErrorMessage error={forbidden} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText("You don't have permission to do this")).toBeInTheDocument();
    expect(alert).toHaveTextContent('Your role in this organization does not allow it. Ask an admin of the organization');
    expect(alert).not.toHaveTextContent(/^Forbidden/);
    // The request id is in the disclosure, not in the sentence.
    const details = within(alert).getByText('Details').closest('details')!;
    expect(details).not.toHaveAttribute('open');
    expect(within(details).getByText('req-7f3a')).toBeInTheDocument();
    expect(alert.querySelector('p:not(details p)')?.textContent).not.toContain('req-7f3a');
    await userEvent.click(within(alert).getByText('Details'));
    expect(details).toHaveAttribute('open');
    expect(within(details).getByText('Request id')).toBeInTheDocument();
  });

  it('lists field errors as sentences with the form’s labels when asked', () => {
    const invalid = new ApiError({
      status: 422,
      code: 'validation_failed',
      title: 'Validation failed',
      detail: 'the request has invalid fields',
      errors: [
        { field: 'name', message: 'must be 1 to 100 characters' },
        { field: 'monthly_budget_usd', message: 'must not be negative' },
      ],
    });
    render(<ErrorMessage error={invalid} showFieldErrors fieldLabels={{ name: 'Organization name' }} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Some fields need attention')).toBeInTheDocument();
    const items = within(alert).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Organization name must be 1 to 100 characters.', 'Monthly AI budget must not be negative.']);
    expect(alert).not.toHaveTextContent('the request has invalid fields.');
  });

  it('takes a heading and a way forward from the page, and offers to try again', async () => {
    const onRetry = vi.fn();
    render(<ErrorMessage error={forbidden} title="Could not check the document" action="Ask the document's author." onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent("Could not check the document");
    expect(alert).toHaveTextContent("Your role in this organization does not allow it. Ask the document's author.");
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
