/** What an admin action answers; the form shows the message and each field's errors. */
export type FormState = {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The editor's submitted text, put back into the form after an error. */
  values?: Record<string, string | string[]>;
  conflict?: boolean;
  /** Changes on every answer, so fields remount with the values above. */
  seq?: number;
};

export const initialFormState: FormState = { status: "idle" };
