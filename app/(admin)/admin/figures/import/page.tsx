import { requirePageUser } from "@/lib/auth/guard";
import { CSV_COLUMNS } from "@/lib/validation/figure";
import { ImportForm } from "@/components/admin/ImportForm";
import { importFiguresAction } from "../actions";

export const metadata = { title: "Import figures" };

export default async function ImportFigures() {
  await requirePageUser("content", "/admin/figures/import");
  return (
    <div className="max-w-4xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">Import figures from CSV</h1>
      <ImportForm action={importFiguresAction} columns={CSV_COLUMNS} />
    </div>
  );
}
