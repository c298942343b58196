import Link from "next/link";
import { z } from "zod";
import { countChanges, recentChanges } from "@/db/queries/admin";
import { canManageUsers } from "@/lib/auth/access";
import { requirePageUser } from "@/lib/auth/guard";
import { ChangesTable } from "@/components/admin/ChangesTable";
import type { SearchParams } from "@/components/admin/Saved";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const me = await requirePageUser("content", "/admin/audit");
  // Sign-ins, sessions and user changes are for admins; editors see changes to content.
  const accounts = canManageUsers(me);
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .catch(1)
    .parse((await searchParams).page);
  const perPage = 100;
  const total = await countChanges({ accounts });
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">Audit log</h1>
      <p className="mt-1 text-sm text-(--color-muted)">
        {accounts
          ? "Every change made through the desk or the command line, and every sign-in, sign-out and throttled sign-in"
          : "Every change to content made through the desk or the command line"}
        : who, when, what, before and after. {total.toLocaleString("en")} entries.
      </p>
      <ChangesTable rows={await recentChanges(perPage, (page - 1) * perPage, { accounts })} />
      <p className="mt-3 flex gap-4 text-sm">
        {page > 1 ? (
          <Link className="underline" href={`/admin/audit?page=${page - 1}`}>
            Newer
          </Link>
        ) : null}
        {page * perPage < total ? (
          <Link className="underline" href={`/admin/audit?page=${page + 1}`}>
            Older
          </Link>
        ) : null}
      </p>
    </div>
  );
}
