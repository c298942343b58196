import Link from "next/link";
import { listUpdatesAdmin } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";
import { formatDateTime } from "@/lib/format/date";

export const metadata = { title: "Updates" };

export default async function UpdatesAdmin() {
  await requirePageUser("content", "/admin/updates");
  const rows = await listUpdatesAdmin();
  return (
    <div>
      <div className="flex items-baseline justify-between">
        <h1 className="font-serif text-3xl font-bold">Updates</h1>
        <Link href="/admin/updates/new" className="rounded bg-(--color-ink) px-3 py-1.5 text-sm font-semibold text-(--color-paper)">
          New update
        </Link>
      </div>
      <table className="mt-4 w-full text-left text-sm">
        <thead className="border-b border-(--color-rule) text-xs text-(--color-muted) uppercase">
          <tr>
            <th className="py-1">Posted</th>
            <th>Title</th>
            <th>Agreement</th>
            <th>Status</th>
            <th>Author</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id} className="border-b border-(--color-rule)">
              <td className="py-1 whitespace-nowrap">{formatDateTime(u.postedAt)}</td>
              <td>
                <Link className="underline" href={`/admin/updates/${u.id}`}>
                  {u.title}
                </Link>
              </td>
              <td>{u.agreement}</td>
              <td>{u.status}</td>
              <td>{u.author ?? "seed"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
