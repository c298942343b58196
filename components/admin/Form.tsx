"use client";

import { createContext, useActionState, useContext, useId, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { formValues, initialFormState, type FormState } from "@/lib/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
/** `prefix` keeps ids unique when a page has several forms with the same field names (/admin/users). */
type Ctx = { state: FormState; initial: Record<string, string | string[] | undefined>; prefix: string };
const FormCtx = createContext<Ctx>({ state: initialFormState, initial: {}, prefix: "f" });

/**
 * A form bound to a server action. After an error the action sends the editor's own values back,
 * and the fields remount with them (React resets uncontrolled fields after every action).
 */
export function ActionForm({
  action,
  initial = {},
  children,
  className = "space-y-4",
  label,
}: {
  action: Action;
  initial?: Record<string, string | string[] | undefined>;
  children: ReactNode;
  className?: string;
  label?: string;
}) {
  const [state, formAction] = useActionState(async (prev: FormState, fd: FormData) => {
    try {
      return await action(prev, fd);
    } catch (error) {
      // Redirects and navigations are how successful saves leave the page: let them through.
      if (error && typeof error === "object" && "digest" in error && String(error.digest).startsWith("NEXT_")) throw error;
      return {
        status: "error" as const,
        message: "The server did not accept the form (it may be over the 1 MB limit, or the connection dropped). Nothing was saved.",
        values: formValues(fd),
        seq: Date.now(),
      };
    }
  }, initialFormState);
  const prefix = `f${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  return (
    <FormCtx.Provider value={{ state, initial, prefix }}>
      <form action={formAction} className={className} aria-label={label} noValidate>
        <FormMessage />
        <div key={state.seq ?? 0} className={className}>
          {children}
        </div>
      </form>
    </FormCtx.Provider>
  );
}

function useField(name: string) {
  const { state, initial, prefix } = useContext(FormCtx);
  const fromState = state.values ? state.values[name] : undefined;
  const value = state.values ? fromState : initial[name];
  const errors = state.fieldErrors?.[name];
  return { value, errors, id: `${prefix}-${name}` };
}

export function FormMessage() {
  const { state } = useContext(FormCtx);
  if (!state.message) return null;
  const ok = state.status === "ok";
  return (
    <p
      role={ok ? "status" : "alert"}
      data-form-status={state.status}
      data-conflict={state.conflict ? "true" : undefined}
      className={`rounded border px-3 py-2 text-sm ${ok ? "border-green-700 bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-100" : "border-red-700 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100"}`}
    >
      {state.message}
    </p>
  );
}

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-700 dark:text-red-300" data-field-error>
      {errors.join(" ")}
    </p>
  );
}

const inputClass =
  "mt-1 block w-full rounded border border-(--color-rule) bg-(--color-paper) px-2 py-1.5 text-base text-(--color-ink) aria-invalid:border-red-700";

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: "decimal" | "numeric" | "text";
  placeholder?: string;
  maxLength?: number;
};

/** The props every labelled control shares: id, name, the value to show, and its error wiring. */
function useControl(name: string) {
  const { value, errors, id } = useField(name);
  const invalid = !!errors?.length;
  return {
    errors,
    props: {
      id,
      name,
      defaultValue: typeof value === "string" ? value : "",
      "aria-invalid": invalid ? true : undefined,
      "aria-describedby": invalid ? `${id}-error` : undefined,
    },
  };
}

function Labelled({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      {hint ? <p className="text-xs text-(--color-muted)">{hint}</p> : null}
      {children}
      <Errors id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function Field({ name, label, hint, type = "text", ...rest }: FieldProps) {
  const { props, errors } = useControl(name);
  return (
    <Labelled id={props.id} label={label} hint={hint} errors={errors}>
      <input type={type} className={inputClass} {...props} {...rest} />
    </Labelled>
  );
}

export function Hidden({ name }: { name: string }) {
  const { value } = useField(name);
  return <input type="hidden" name={name} defaultValue={typeof value === "string" ? value : ""} />;
}

export function TextArea({
  name,
  label,
  hint,
  rows = 8,
  maxLength,
}: {
  name: string;
  label: string;
  hint?: string;
  rows?: number;
  maxLength?: number;
}) {
  const { props, errors } = useControl(name);
  return (
    <Labelled id={props.id} label={label} hint={hint} errors={errors}>
      <textarea rows={rows} maxLength={maxLength} className={`${inputClass} font-mono text-sm`} {...props} />
    </Labelled>
  );
}

export function Select({
  name,
  label,
  options,
  hint,
}: {
  name: string;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
}) {
  const { props, errors } = useControl(name);
  return (
    <Labelled id={props.id} label={label} hint={hint} errors={errors}>
      <select className={inputClass} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

export function Checkbox({ name, label, value = "on" }: { name: string; label: string; value?: string }) {
  const { value: current, errors, id: fieldId } = useField(name);
  const checked = Array.isArray(current) ? current.includes(value) : current === value;
  const id = `${fieldId}-${value}`;
  return (
    <div>
      <label htmlFor={id} className="inline-flex items-center gap-2 text-sm">
        <input
          id={id}
          type="checkbox"
          name={name}
          value={value}
          defaultChecked={checked}
          aria-invalid={value === "on" && errors?.length ? true : undefined}
          aria-describedby={value === "on" && errors?.length ? `${id}-error` : undefined}
          className="size-4"
        />
        {label}
      </label>
      {value === "on" ? <Errors id={`${id}-error`} errors={errors} /> : null}
    </div>
  );
}

export function FieldErrors({ name }: { name: string }) {
  const { errors, id } = useField(name);
  return <Errors id={`${id}-error`} errors={errors} />;
}

export function SubmitButton({ children, name, value }: { children: ReactNode; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      className="rounded bg-(--color-ink) px-4 py-2 text-sm font-semibold text-(--color-paper) hover:opacity-90 disabled:opacity-60"
    >
      {pending ? "Saving…" : children}
    </button>
  );
}
