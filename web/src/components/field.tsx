import {
  cloneElement,
  forwardRef,
  isValidElement,
  useId,
  type InputHTMLAttributes,
  type ReactElement,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

export interface FieldProps {
  label: ReactNode;
  /** Error message shown under the control and linked with aria-describedby. */
  error?: string;
  hint?: ReactNode;
  /** One input/select/textarea element; it receives id and aria attributes. */
  children: ReactElement;
  className?: string;
  required?: boolean;
}

/** Label + control + hint + per-field error, wired for screen readers. */
export function Field({ label, error, hint, children, className, required }: FieldProps) {
  const generated = useId();
  const child = isValidElement<Record<string, unknown>>(children) ? children : null;
  const id = (child?.props.id as string | undefined) ?? `f${generated.replace(/:/g, '')}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [child?.props['aria-describedby'], hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
        {required ? <span className="field-required" aria-hidden="true"> *</span> : null}
      </label>
      {child
        ? cloneElement(child, {
            id,
            'aria-describedby': describedBy,
            'aria-invalid': error ? true : undefined,
            required: required ?? child.props.required,
          })
        : children}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export const TextInput = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function TextInput(
  { className, type = 'text', ...rest },
  ref,
) {
  return <input ref={ref} type={type} className={['input', className ?? ''].filter(Boolean).join(' ')} {...rest} />;
});

export const TextArea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function TextArea(
  { className, rows = 4, ...rest },
  ref,
) {
  return <textarea ref={ref} rows={rows} className={['input', 'textarea', className ?? ''].filter(Boolean).join(' ')} {...rest} />;
});

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select(
  { className, ...rest },
  ref,
) {
  return <select ref={ref} className={['input', 'select', className ?? ''].filter(Boolean).join(' ')} {...rest} />;
});
