import Link from "next/link";
import { z } from "zod";
import { listFiguresAdmin } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";
import { periodLabel, periodOf, reportedFlowName } from "@/lib/domain/figure";
import { formatMillions } from "@/lib/validation/money";
import type { SearchParams } from "@/components/admin/Saved";

export const metadata = { title: "Figures" };

const Query = z.object({
  q: z.string().max(20).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export default async function FiguresAdmin({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("content", "/admin/figures");
  const { q, page } = Query.parse(await searchParams);
  const perPage = 50;
  const { rows, total } = await listFiguresAdmin({ q, page, perPage });
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="font-serif text-3xl font-bold">Figures</h1>
        <p className="flex gap-2 text-sm">
          <Link href="/admin/figures/new" className="rounded bg-(--color-ink) px-3 py-1.5 font-semibold text-(--color-paper)">
            Add a figure
          </Link>
          <Link href="/admin/figures/import" className="rounded border border-(--color-ink) px-3 py-1.5 font-semibold">
            Import CSV
          </Link>
        </p>
      </div>
      <form className="mt-4 flex gap-2 text-sm" role="search">
        <label htmlFor="q" className="sr-only">
          Counterpart code or year
        </label>
        <input
          id="q"
          name="q"
          defaultValue={q}
          placeholder="KOR or 2019"
          className="rounded border border-(--color-rule) bg-(--color-paper) px-2 py-1"
        />
        <button className="rounded border border-(--color-ink) px-3">Filter</button>
      </form>
      <p className="mt-2 text-sm text-(--color-muted)">{total.toLocaleString("en")} figures, most recently changed first.</p>
      <div className="overflow-x-auto">
        <table className="mt-2 w-full text-left text-sm">
          <thead className="border-b border-(--color-rule) text-xs text-(--color-muted) uppercase">
            <tr>
              <th className="py-1">Id</th>
              <th>Reporter → partner</th>
              <th>Period</th>
              <th>Flow</th>
              <th className="text-right">Value</th>
              <th>Source</th>
              <th>Flags</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.id} className="border-b border-(--color-rule)">
                <td className="py-1">
                  <Link className="underline" href={`/admin/figures/${f.id}`}>
                    {f.id}
                  </Link>
                </td>
                <td>
                  {f.reporter} → {f.partner}
                </td>
                <td>{periodLabel(periodOf(f))}</td>
                <td>{reportedFlowName(f.flow)}</td>
                <td className="text-right tabular-nums">{f.unit === "rank" ? `#${f.value}` : `${formatMillions(f.value)}m`}</td>
                <td>{f.sourceId}</td>
                <td>{[f.preferred && "preferred", f.derived && "derived", f.estimate && "est."].filter(Boolean).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 flex gap-4 text-sm">
        {page > 1 ? (
          <Link className="underline" href={`/admin/figures?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page - 1) })}`}>
            Previous
          </Link>
        ) : null}
        {page * perPage < total ? (
          <Link className="underline" href={`/admin/figures?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page + 1) })}`}>
            Next
          </Link>
        ) : null}
      </p>
    </div>
  );
}
