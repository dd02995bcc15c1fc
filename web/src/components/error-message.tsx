import type { ReactNode } from 'react';
import { errorMessage, isApiError } from '@/lib/problem';
import { Button } from './button';

export interface ErrorMessageProps {
  error: unknown;
  /** Heading above the message; defaults to the problem's title. */
  title?: ReactNode;
  onRetry?: () => void;
  /** Also list field errors (when the form does not show them per field). */
  showFieldErrors?: boolean;
}

/** Shows an ApiError (title, detail, field errors, request id) or any error. */
export function ErrorMessage({ error, title, onRetry, showFieldErrors = false }: ErrorMessageProps) {
  const api = isApiError(error) ? error : null;
  const heading = title ?? (api ? api.title : 'Something went wrong');
  const detail = errorMessage(error);
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{heading}</p>
      {detail && detail !== heading ? <p>{detail}</p> : null}
      {api && showFieldErrors && api.errors.length > 0 ? (
        <ul>
          {api.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              {e.field ? <strong>{e.field}: </strong> : null}
              {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {api?.requestId ? <p className="muted small">Request id: {api.requestId}</p> : null}
      {onRetry ? (
        <Button size="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
