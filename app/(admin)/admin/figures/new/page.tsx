import { partnerCodes, recordKeeperOptions, sourceOptions } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";
import { FigureForm } from "@/components/admin/FigureForm";
import { CAMBODIA } from "@/lib/domain/figure";
import { saveFigureAction } from "../actions";

export const metadata = { title: "Add a figure" };

export default async function NewFigure() {
  await requirePageUser("content", "/admin/figures/new");
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">Add a figure</h1>
      <FigureForm
        action={saveFigureAction}
        partners={await partnerCodes()}
        sources={await sourceOptions()}
        recordKeepers={await recordKeeperOptions()}
        initial={{ reporter: CAMBODIA, partner: "KOR", flow: "exports" }}
        submitLabel="Add figure"
      />
    </div>
  );
}
