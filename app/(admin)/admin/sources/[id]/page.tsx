import { notFound } from "next/navigation";
import Link from "next/link";
import { getSourceAdmin } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";
import { SourceForm } from "@/components/admin/SourceForm";
import { Saved, type SearchParams } from "@/components/admin/Saved";
import { saveSourceAction } from "../actions";

export const metadata = { title: "Edit source" };

export default async function EditSource({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const { id } = await params;
  await requirePageUser("content", `/admin/sources/${encodeURIComponent(id)}`);
  const s = /^[a-z0-9-]{1,64}$/.test(id) ? await getSourceAdmin(id) : null;
  if (!s) notFound();
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="font-serif text-3xl font-bold">{s.publisher}</h1>
      <p className="text-sm">
        <Link className="underline" href={`/sources/${s.id}`}>
          See it on the site
        </Link>{" "}
        · version {s.version}
      </p>
      <Saved show={(await searchParams).saved !== undefined} />
      <SourceForm
        action={saveSourceAction}
        creating={false}
        submitLabel="Save source"
        initial={{
          mode: "edit",
          id: s.id,
          version: String(s.version),
          publisher: s.publisher,
          title: s.title,
          titleSupplied: s.titleSupplied ? "on" : "",
          publishedOn: s.publishedOn,
          publishedPrecision: s.publishedPrecision,
          dateInferred: s.dateInferred ? "on" : "",
          kind: s.kind,
          url: s.url ?? "",
          note: s.note ?? "",
        }}
      />
    </div>
  );
}
