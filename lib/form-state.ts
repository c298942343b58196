/** What an admin action answers; the form shows the message and each field's errors. */
export type FormState<Data = never> = {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The editor's submitted text, put back into the form after an error. */
  values?: Record<string, string | string[]>;
  conflict?: boolean;
  /** Changes on every answer, so fields remount with the values above. */
  seq?: number;
  /** What the action found for the form to show (the CSV import's preview). */
  data?: Data;
};

export const initialFormState: FormState = { status: "idle" };

/**
 * FormData as plain strings (and arrays for repeated names), ignoring React's internal fields and
 * files. Shared by the action wrapper (lib/auth/action.ts, through lib/validation/common.ts) and the
 * form's fallback in the browser, which must not pull zod into the desk's JavaScript.
 */
export function formValues(fd: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of fd.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
