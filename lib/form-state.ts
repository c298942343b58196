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
