import { EXPLORER_FLOWS, MAX_PARTNERS, type ExplorerSide } from "@/lib/explorer/params";

const FLOW_OPTIONS: Record<(typeof EXPLORER_FLOWS)[number], string> = {
  exports: "Cambodia's exports",
  imports: "Cambodia's imports",
  total: "Total trade (exports + imports)",
  balance: "Trade balance (exports − imports)",
};

const SIDE_OPTIONS: { value: ExplorerSide; label: string }[] = [
  { value: "cambodia", label: "Cambodia's records" },
  { value: "partner", label: "The partner's records" },
  { value: "both", label: "Both, side by side" },
];

export type FormValues = { partners: string[]; flow: string; from: string; to: string; side: string };

const box = "rounded-sm border border-(--color-rule) bg-(--color-paper) px-2 py-1.5";

/**
 * The explorer's controls as a plain GET form: submitting it puts every choice in the address,
 * so the result is a link, and it works without JavaScript.
 */
export function ExplorerForm({
  partners,
  values,
  years,
}: {
  partners: { code: string; name: string; region: string }[];
  values: FormValues;
  years: { min: number; max: number };
}) {
  const regions = [...new Set(partners.map((p) => p.region))].sort();
  const chosen = partners.filter((p) => values.partners.includes(p.code));
  const yearOptions = Array.from({ length: years.max - years.min + 1 }, (_, i) => years.max - i);
  return (
    <form method="get" action="/data" className="rounded-md border border-(--color-rule) p-4 text-sm" data-explorer-form>
      <div className="grid gap-4 md:grid-cols-[2fr_1fr_1fr]">
        <details className="md:row-span-2">
          <summary className="cursor-pointer font-semibold">
            Partners: <span data-chosen-partners>{chosen.map((p) => p.name).join(", ") || "none chosen"}</span>{" "}
            <span className="font-normal text-(--color-muted) underline">change</span>
          </summary>
          <fieldset className="mt-2 max-h-80 overflow-y-auto rounded-sm border border-(--color-rule) p-2">
            <legend className="px-1 text-(--color-muted)">Choose up to {MAX_PARTNERS} economies</legend>
            {regions.map((region) => (
              <div key={region} className="mb-2">
                <p className="font-semibold text-(--color-muted)">{region}</p>
                <ul className="grid grid-cols-1 gap-x-3 sm:grid-cols-2 lg:grid-cols-3">
                  {partners
                    .filter((p) => p.region === region)
                    .map((p) => (
                      <li key={p.code}>
                        <label className="flex items-center gap-2 py-1">
                          <input
                            type="checkbox"
                            name="partner"
                            value={p.code}
                            defaultChecked={values.partners.includes(p.code)}
                            className="size-4"
                          />
                          <span>
                            {p.name} <span className="text-xs text-(--color-muted)">{p.code}</span>
                          </span>
                        </label>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </fieldset>
        </details>

        <label className="flex flex-col gap-1">
          <span className="font-semibold">Flow</span>
          <select name="flow" defaultValue={values.flow} className={box}>
            {EXPLORER_FLOWS.map((f) => (
              <option key={f} value={f}>
                {FLOW_OPTIONS[f]}
              </option>
            ))}
          </select>
        </label>

        <div className="flex gap-3">
          <label className="flex flex-1 flex-col gap-1">
            <span className="font-semibold">From</span>
            <select name="from" defaultValue={values.from} className={box}>
              {yearOptions.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-1 flex-col gap-1">
            <span className="font-semibold">To</span>
            <select name="to" defaultValue={values.to} className={box}>
              {yearOptions.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        </div>

        <fieldset className="md:col-span-1">
          <legend className="font-semibold">Whose records</legend>
          <div className="mt-1 flex flex-col">
            {SIDE_OPTIONS.map((o) => (
              <label key={o.value} className="flex items-center gap-2 py-1">
                <input type="radio" name="side" value={o.value} defaultChecked={values.side === o.value} className="size-4" />
                {o.label}
              </label>
            ))}
          </div>
        </fieldset>

        <div className="flex items-end">
          <button type="submit" className="rounded-sm bg-(--color-ink) px-4 py-2 font-semibold text-(--color-paper) hover:opacity-90">
            Show
          </button>
        </div>
      </div>
    </form>
  );
}
