import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import type { FieldErrors } from "~/schemas/form";
import type { MessageKey } from "~/i18n/translate";
import { useT } from "./use-t";

type FieldProps = {
  name: string;
  label: ReactNode;
  errors?: FieldErrors;
  hint?: ReactNode;
  /** The first invalid field of a form gets focus (also without JavaScript, via autofocus). */
  focusFirstError?: boolean;
} & InputHTMLAttributes<HTMLInputElement>;

export function firstErrorField(errors?: FieldErrors) {
  return errors ? Object.keys(errors).find((k) => k !== "form") : undefined;
}

export function Field({ name, label, errors, hint, focusFirstError = true, ...input }: FieldProps) {
  const error = errors?.[name];
  const id = input.id ?? `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const autoFocus = input.autoFocus || (focusFirstError && error !== undefined && firstErrorField(errors) === name);
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} autoFocus={autoFocus} />
      <FieldError id={id} error={error} />
    </div>
  );
}

function FieldError({ id, error }: { id: string; error: MessageKey | undefined }) {
  const t = useT();
  return error ? <ErrorText id={`${id}-error`}>{t(error)}</ErrorText> : null;
}

/** A field's error line, already in the reader's language; `id` is what the field's aria-describedby names. */
export function ErrorText({ id, children }: { id: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="field__error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {children}
    </p>
  );
}

type SelectProps = {
  name: string;
  label: ReactNode;
  errors?: FieldErrors;
  options: { value: string; label: string }[];
  defaultValue?: string;
  required?: boolean;
};

export function SelectField({ name, label, errors, options, defaultValue, required }: SelectProps) {
  const error = errors?.[name];
  const id = `field-${name}`;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoFocus={error !== undefined && firstErrorField(errors) === name}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A message for the whole form (e.g. "email or password is wrong"), announced and focused. */
export function FormAlert({ message, tone = "error" }: { message?: MessageKey | string | null; tone?: "error" | "success" }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} tabIndex={-1} role={tone === "error" ? "alert" : "status"} className={`alert alert--${tone}`}>
      {message}
    </div>
  );
}
