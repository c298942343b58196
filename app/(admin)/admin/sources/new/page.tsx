import { requirePageUser } from "@/lib/auth/guard";
import { SourceForm } from "@/components/admin/SourceForm";
import { saveSourceAction } from "../actions";

export const metadata = { title: "Add a source" };

export default async function NewSource() {
  await requirePageUser("content", "/admin/sources/new");
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">Add a source</h1>
      <SourceForm action={saveSourceAction} creating initial={{ mode: "create", kind: "news_report" }} submitLabel="Add source" />
    </div>
  );
}
