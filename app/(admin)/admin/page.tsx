import Link from "next/link";
import { agreementOptions, listUpdatesAdmin, recentChanges } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";
import { utcToLocal } from "@/lib/validation/update";
import { UpdateForm } from "@/components/admin/UpdateForm";
import { ChangesTable } from "@/components/admin/ChangesTable";
import { quickUpdateAction } from "./updates/actions";

export const metadata = { title: "Dashboard" };

export default async function Dashboard({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("content", "/admin");
  const denied = (await searchParams).denied !== undefined;
  const drafts = await listUpdatesAdmin("draft");
  const changes = await recentChanges(12);
  const agreements = await agreementOptions();
  return (
    <div className="space-y-10">
      <h1 className="font-serif text-3xl font-bold">Good to see you, {user.name}</h1>
      {denied ? (
        <p role="alert" className="rounded border border-red-700 px-3 py-2 text-sm">
          That page is for admins only.
        </p>
      ) : null}
      <div className="grid gap-10 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="quick">
          <h2 id="quick" className="text-lg font-bold">
            Post an update
          </h2>
          <p className="mb-3 text-sm text-(--color-muted)">Published at once on the tracker and the front page. Markdown; no HTML.</p>
          <UpdateForm
            action={quickUpdateAction}
            agreements={agreements}
            initial={{ agreement: "ckfta", status: "published", postedAt: utcToLocal(new Date().toISOString()) }}
            submitLabel="Post"
            compact
          />
        </section>
        <section aria-labelledby="drafts">
          <h2 id="drafts" className="text-lg font-bold">
            Drafts ({drafts.length})
          </h2>
          {drafts.length === 0 ? <p className="text-sm text-(--color-muted)">No drafts.</p> : null}
          <ul className="mt-2 space-y-1 text-sm">
            {drafts.map((d) => (
              <li key={d.id}>
                <Link href={`/admin/updates/${d.id}`} className="underline">
                  {d.title}
                </Link>{" "}
                <span className="text-(--color-muted)">· {d.agreement}</span>
              </li>
            ))}
          </ul>
          <h2 className="mt-8 text-lg font-bold">Shortcuts</h2>
          <ul className="mt-2 list-disc pl-5 text-sm">
            <li>
              <Link className="underline" href="/admin/rounds/new">
                Add a round
              </Link>
            </li>
            <li>
              <Link className="underline" href="/admin/figures/new">
                Add a figure
              </Link>
            </li>
            <li>
              <Link className="underline" href="/admin/figures/import">
                Import figures from CSV
              </Link>
            </li>
            <li>
              <Link className="underline" href="/admin/sources/new">
                Add a source
              </Link>
            </li>
          </ul>
        </section>
      </div>
      <section aria-labelledby="recent">
        <h2 id="recent" className="text-lg font-bold">
          Recent changes
        </h2>
        <ChangesTable rows={changes} />
        <p className="mt-2 text-sm">
          <Link href="/admin/audit" className="underline">
            Full audit log
          </Link>
        </p>
      </section>
    </div>
  );
}
