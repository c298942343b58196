import { SOURCE_KIND_LABELS } from "@/lib/domain/figure";
import type { FormState } from "@/lib/form-state";
import { ActionForm, Checkbox, Field, Hidden, Select, SubmitButton, TextArea } from "./Form";

export function SourceForm({
  action,
  initial,
  submitLabel,
  creating,
}: {
  action: (s: FormState, fd: FormData) => Promise<FormState>;
  initial: Record<string, string | undefined>;
  submitLabel: string;
  creating: boolean;
}) {
  return (
    <ActionForm key={initial.version ?? "new"} action={action} initial={initial} label="Source">
      <Hidden name="mode" />
      <Hidden name="version" />
      {creating ? (
        <Field name="id" label="Id (used in links)" hint="Lower case, digits and hyphens, e.g. yonhap-2026-11-21." />
      ) : (
        <Hidden name="id" />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="publisher" label="Publisher" maxLength={120} />
        <Field name="publishedOn" label="Published on" type="date" />
        <Select
          name="publishedPrecision"
          label="How much of the date is known"
          options={[
            { value: "day", label: "The day" },
            { value: "month", label: "Only the month" },
            { value: "year", label: "Only the year" },
          ]}
        />
        <Select name="kind" label="Kind" options={Object.entries(SOURCE_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        <Field
          name="url"
          label="Address (optional)"
          type="url"
          hint="The address as published: https://, or http:// where that is all the site offers."
        />
      </div>
      <Field name="title" label="Title" maxLength={300} />
      <Checkbox name="titleSupplied" label="The title is our description (the report's own headline is not known)" />
      <Checkbox name="dateInferred" label="The date is inferred from the article, not printed on it (shown as “c.”)" />
      <TextArea name="note" label="Note (optional)" rows={3} maxLength={1000} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
