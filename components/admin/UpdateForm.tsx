import type { FormState } from "@/lib/form-state";
import { ActionForm, Field, Hidden, Select, SubmitButton, TextArea } from "./Form";

type Props = {
  action: (s: FormState, fd: FormData) => Promise<FormState>;
  agreements: { slug: string; shortName: string }[];
  sources?: { id: string; publisher: string; publishedOn: string }[];
  initial: Record<string, string | undefined>;
  submitLabel: string;
  compact?: boolean;
};

export function UpdateForm({ action, agreements, sources = [], initial, submitLabel, compact }: Props) {
  return (
    <ActionForm key={String(initial.version ?? "new")} action={action} initial={initial} label="Update">
      <Hidden name="id" />
      <Hidden name="version" />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select name="agreement" label="Agreement" options={agreements.map((a) => ({ value: a.slug, label: a.shortName }))} />
        <Field name="round" label="Round (optional)" inputMode="numeric" hint="The round number this update is about." />
        <Field name="postedAt" label="Date and time (Phnom Penh)" type="datetime-local" />
        <Select
          name="status"
          label="Status"
          options={[
            { value: "published", label: "Published" },
            { value: "draft", label: "Draft (not public)" },
          ]}
        />
      </div>
      <Field name="title" label="Title" maxLength={200} />
      <TextArea
        name="body"
        label="Text"
        hint="Markdown: **bold**, _italic_, [links](https://…), lists. HTML is shown as text."
        rows={compact ? 5 : 10}
      />
      {!compact ? (
        <Select
          name="source"
          label="Source (optional)"
          options={[{ value: "", label: "None" }, ...sources.map((s) => ({ value: s.id, label: `${s.publisher}, ${s.publishedOn}` }))]}
        />
      ) : null}
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
