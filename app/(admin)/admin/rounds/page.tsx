import Link from "next/link";
import { listRoundsAdmin } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";
import { formatDateRange } from "@/lib/format/date";

export const metadata = { title: "Rounds" };

export default async function RoundsAdmin() {
  await requirePageUser("content", "/admin/rounds");
  const rounds = await listRoundsAdmin();
  return (
    <div>
      <div className="flex items-baseline justify-between">
        <h1 className="font-serif text-3xl font-bold">Rounds</h1>
        <Link href="/admin/rounds/new" className="rounded bg-(--color-ink) px-3 py-1.5 text-sm font-semibold text-(--color-paper)">
          Add a round
        </Link>
      </div>
      <table className="mt-4 w-full text-left text-sm">
        <thead className="border-b border-(--color-rule) text-xs text-(--color-muted) uppercase">
          <tr>
            <th className="py-1">Agreement</th>
            <th>Round</th>
            <th>Dates</th>
            <th>Format</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((r) => (
            <tr key={r.id} className="border-b border-(--color-rule)">
              <td className="py-1">{r.agreement}</td>
              <td>
                <Link className="underline" href={`/admin/rounds/${r.id}`}>
                  Round {r.number}
                </Link>
              </td>
              <td>{formatDateRange(r.startDate, r.endDate)}</td>
              <td>{r.format.replace("_", " ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
