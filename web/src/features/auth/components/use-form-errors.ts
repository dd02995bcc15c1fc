import { useState } from 'react';
import { isApiError } from '@/lib/problem';

/**
 * Splits an error into per-field messages (422 errors[]) and a form-level
 * error for everything else.
 */
export function useFormErrors() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>(null);
  return {
    fields,
    formError,
    reset() {
      setFields({});
      setFormError(null);
    },
    setFieldErrors: setFields,
    fromError(error: unknown) {
      if (isApiError(error) && error.errors.length > 0) {
        setFields(error.fieldErrors());
        // Errors for fields the form does not show still need to be visible.
        setFormError(error);
      } else {
        setFields({});
        setFormError(error);
      }
    },
  };
}
