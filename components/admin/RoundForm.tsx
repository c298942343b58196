import { ROUND_FORMAT_LABELS } from "@/lib/agreements";
import type { FormState } from "@/lib/form-state";
import { ActionForm, Checkbox, Field, FieldErrors, Hidden, Select, SubmitButton, TextArea } from "./Form";

type Props = {
  action: (s: FormState, fd: FormData) => Promise<FormState>;
  agreements: { slug: string; shortName: string }[];
  sources: { id: string; publisher: string; title: string; publishedOn: string }[];
  initial: Record<string, string | string[] | undefined>;
  submitLabel: string;
};

export function RoundForm({ action, agreements, sources, initial, submitLabel }: Props) {
  return (
    <ActionForm key={String(initial.version ?? "new")} action={action} initial={initial} label="Round">
      <Hidden name="id" />
      <Hidden name="version" />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select name="agreement" label="Agreement" options={agreements.map((a) => ({ value: a.slug, label: a.shortName }))} />
        <Field name="number" label="Round number" inputMode="numeric" />
        <Field name="startDate" label="First day" type="date" />
        <Field name="endDate" label="Last day" type="date" />
        <Select name="format" label="Format" options={Object.entries(ROUND_FORMAT_LABELS).map(([value, label]) => ({ value, label }))} />
        <Field name="host" label="Host city or venue (optional)" maxLength={120} />
      </div>
      <Field name="topics" label="Topics and chapters" hint="Separate with commas, e.g. goods, services, rules of origin." />
      <TextArea name="summary" label="Summary" hint="Markdown; HTML is shown as text." />
      <fieldset>
        <legend className="text-sm font-semibold">Reports behind these dates</legend>
        <p className="text-xs text-(--color-muted)">
          Reports already linked keep the dates they gave; newly ticked ones are recorded with the dates above.
        </p>
        <div className="mt-2 grid gap-1 sm:grid-cols-2">
          {sources.map((s) => (
            <Checkbox key={s.id} name="sources" value={s.id} label={`${s.publisher}, ${s.publishedOn}`} />
          ))}
        </div>
        <FieldErrors name="sources" />
      </fieldset>
      <Select
        name="preferredSource"
        label="Report whose dates are shown first"
        options={[
          { value: "", label: "The first ticked" },
          ...sources.map((s) => ({ value: s.id, label: `${s.publisher}, ${s.publishedOn}` })),
        ]}
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
