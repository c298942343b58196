import { REPORTED_FLOW_NAMES } from "@/lib/domain/figure";
import type { FormState } from "@/lib/form-state";
import { ActionForm, Checkbox, Field, Hidden, Select, SubmitButton, TextArea } from "./Form";

type Props = {
  action: (s: FormState, fd: FormData) => Promise<FormState>;
  partners: { code: string; name: string }[];
  sources: { id: string; publisher: string; publishedOn: string }[];
  recordKeepers: { code: string; name: string; economy: string }[];
  initial: Record<string, string | undefined>;
  submitLabel: string;
};

export function FigureForm({ action, partners, sources, recordKeepers, initial, submitLabel }: Props) {
  const economies = partners.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }));
  return (
    <ActionForm key={String(initial.version ?? "new")} action={action} initial={initial} label="Figure">
      <Hidden name="id" />
      <Hidden name="version" />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select name="reporter" label="Reporter (whose records)" options={economies} />
        <Select name="partner" label="Partner" options={economies} />
        <Field name="periodStart" label="From month" type="month" hint="YYYY-MM" />
        <Field name="periodEnd" label="To month" type="month" hint="YYYY-MM; a year is January to December." />
        <Select
          name="flow"
          label="Flow, from the reporter's side"
          options={Object.entries(REPORTED_FLOW_NAMES).map(([value, label]) => ({ value, label }))}
        />
        <Field
          name="value"
          label="Value"
          inputMode="decimal"
          hint="US$ millions with a dot for decimals (1033.5), or the rank for a ranking."
        />
        <Select name="source" label="Source" options={sources.map((s) => ({ value: s.id, label: `${s.publisher}, ${s.publishedOn}` }))} />
        <Select
          name="records"
          label="Whose records (optional)"
          hint="The body that compiled the figure, when the source names it; it must keep the reporter's records."
          options={[
            { value: "", label: "Not stated" },
            ...recordKeepers.map((k) => ({ value: k.code, label: `${k.code}: ${k.name} (${k.economy})` })),
          ]}
        />
      </div>
      <TextArea name="note" label="Note (optional)" rows={2} maxLength={1000} />
      <div className="flex flex-wrap gap-6">
        <Checkbox name="preferred" label="Preferred value for this figure (shown to readers)" />
        <Checkbox name="estimate" label="Estimate" />
        <Checkbox name="approximate" label="Approximate (given as “about” a value)" />
        <Checkbox name="oneSource" label="Medium confidence: only one secondary report gives it" />
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
