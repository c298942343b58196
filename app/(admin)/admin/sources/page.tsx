import Link from "next/link";
import { sourceOptions } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata = { title: "Sources" };

export default async function SourcesAdmin() {
  await requirePageUser("content", "/admin/sources");
  const rows = await sourceOptions();
  return (
    <div>
      <div className="flex items-baseline justify-between">
        <h1 className="font-serif text-3xl font-bold">Sources</h1>
        <Link href="/admin/sources/new" className="rounded bg-(--color-ink) px-3 py-1.5 text-sm font-semibold text-(--color-paper)">
          Add a source
        </Link>
      </div>
      <ul className="mt-4 space-y-1 text-sm">
        {rows.map((s) => (
          <li key={s.id}>
            <Link className="underline" href={`/admin/sources/${s.id}`}>
              {s.publisher}
            </Link>
            , {s.title}{" "}
            <span className="text-(--color-muted)">
              ({s.publishedOn}, {s.id})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
