import { Fragment, type ReactNode } from 'react';
import { describeError } from '@/lib/problem';
import { Button } from './button';

export interface ErrorMessageProps {
  error: unknown;
  /** Heading above the message; defaults to the problem's own (lib/problem-copy.ts). */
  title?: ReactNode;
  /** The way forward, when the form knows a better one than the problem's own. */
  action?: ReactNode;
  onRetry?: () => void;
  /** Also list field errors (when the form does not show them per field). */
  showFieldErrors?: boolean;
  /** The form's labels of the API's field names, for the listed field errors. */
  fieldLabels?: Record<string, string>;
}

/**
 * A failed request (or any error) in words a person understands: a heading,
 * what happened, what to do, field errors as sentences, and the technical
 * details (code, status, the server's words, request id) folded away under
 * "Details" for whoever investigates.
 */
export function ErrorMessage({ error, title, action, onRetry, showFieldErrors = false, fieldLabels }: ErrorMessageProps) {
  const d = describeError(error, fieldLabels);
  return (
    <div className="alert alert-error error-message" role="alert">
      <p className="alert-title">{title ?? d.title}</p>
      <p>
        {d.message} {action ?? d.action}
      </p>
      {showFieldErrors && d.fieldErrors.length > 0 ? (
        <ul className="error-fields">
          {d.fieldErrors.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <p>
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        </p>
      ) : null}
      {d.details.length > 0 ? (
        <details className="error-details">
          <summary>Details</summary>
          <dl className="details small">
            {d.details.map((item) => (
              <Fragment key={item.label}>
                <dt>{item.label}</dt>
                <dd className={item.label === 'Request id' || item.label === 'Code' ? 'mono' : undefined}>{item.value}</dd>
              </Fragment>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}
