import { notFound } from "next/navigation";
import Link from "next/link";
import { getFigureAdmin, partnerCodes, recordKeeperOptions, sourceOptions } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";
import { formatMillions } from "@/lib/validation/money";
import { FigureForm } from "@/components/admin/FigureForm";
import { idParam, Saved, type SearchParams } from "@/components/admin/Saved";
import { saveFigureAction } from "../actions";

export const metadata = { title: "Edit figure" };

export default async function EditFigure({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const { id: raw } = await params;
  await requirePageUser("content", `/admin/figures/${raw}`);
  const id = idParam(raw);
  const f = id ? await getFigureAdmin(id) : null;
  if (!f) notFound();
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="font-serif text-3xl font-bold">Figure {f.id}</h1>
      <p className="text-sm">
        <Link className="underline" href={`/figures/${f.id}`}>
          See it on the site
        </Link>{" "}
        · version {f.version}
      </p>
      <Saved show={(await searchParams).saved !== undefined} />
      {f.derived ? (
        <p className="rounded border border-(--color-rule) px-3 py-2 text-sm">
          This value is derived (computed from exports and imports of the same records) and follows them when they change.
        </p>
      ) : null}
      <FigureForm
        action={saveFigureAction}
        partners={await partnerCodes()}
        sources={await sourceOptions()}
        recordKeepers={await recordKeeperOptions()}
        submitLabel="Save figure"
        initial={{
          id: String(f.id),
          version: String(f.version),
          reporter: f.reporter,
          partner: f.partner,
          periodStart: f.periodStart,
          periodEnd: f.periodEnd,
          flow: f.flow,
          value: f.unit === "rank" ? String(f.value) : formatMillions(f.value),
          source: f.sourceId,
          note: f.note ?? "",
          preferred: f.preferred ? "on" : "",
          estimate: f.estimate ? "on" : "",
          records: f.records ?? "",
          approximate: f.approximate ? "on" : "",
          oneSource: f.confidence === "medium" ? "on" : "",
        }}
      />
    </div>
  );
}
