import Link from "next/link";
import { z } from "zod";
import { formatDateTime } from "@/lib/format/date";

type Change = {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: string;
  before: string | null;
  after: string | null;
  userName: string | null;
  userEmail: string | null;
};

const HREF: Record<string, (id: string) => string> = {
  round: (id) => `/admin/rounds/${id}`,
  update: (id) => `/admin/updates/${id}`,
  figure: (id) => `/admin/figures/${id}`,
  source: (id) => `/admin/sources/${id}`,
  user: () => `/admin/users`,
  session: () => `/admin/users`,
};

/** Who made an entry with no user: the throttle writes its own, the command line the rest. */
const nobody = (entity: string) => (entity === "sign-in" ? "sign-in throttle" : "command line");

/** An audit row's before or after: a JSON object of the record's fields; anything else (or nothing) shows as no fields. */
const AuditFields = z.record(z.string(), z.unknown());

function fields(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const parsed = AuditFields.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Keys whose value differs between before and after, shown as "key: old → new". Text only. */
function diff(before: string | null, after: string | null): string[] {
  const a = fields(before);
  const b = fields(after);
  const skip = new Set(["version", "updatedAt", "updatedBy"]);
  const show = (v: unknown) => {
    const s = typeof v === "string" ? v : JSON.stringify(v);
    return s === undefined ? "—" : s.length > 80 ? `${s.slice(0, 77)}…` : s;
  };
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => !skip.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => (before ? `${k}: ${show(a[k])} → ${show(b[k])}` : `${k}: ${show(b[k])}`));
}

export function ChangesTable({ rows }: { rows: Change[] }) {
  if (rows.length === 0) return <p className="text-sm text-(--color-muted)">No changes yet.</p>;
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full text-left text-sm" data-audit-table>
        <thead className="border-b border-(--color-rule) text-xs text-(--color-muted) uppercase">
          <tr>
            <th className="py-1 pr-3">When</th>
            <th className="py-1 pr-3">Who</th>
            <th className="py-1 pr-3">What</th>
            <th className="py-1">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const lines = diff(r.before, r.after);
            return (
              <tr
                key={r.id}
                className="border-b border-(--color-rule) align-top"
                data-audit-entity={r.entity}
                data-audit-id={r.entityId}
                data-audit-action={r.action}
              >
                <td className="py-1 pr-3 whitespace-nowrap">
                  <time dateTime={r.at}>{formatDateTime(r.at)}</time>
                </td>
                <td className="py-1 pr-3">{r.userName ?? nobody(r.entity)}</td>
                <td className="py-1 pr-3 whitespace-nowrap">
                  {r.action}{" "}
                  {HREF[r.entity] ? (
                    <Link className="underline" href={HREF[r.entity]!(r.entityId)}>
                      {r.entity} {r.entityId}
                    </Link>
                  ) : (
                    `${r.entity} ${r.entityId}`
                  )}
                </td>
                <td className="py-1">
                  <details>
                    <summary className="cursor-pointer">{lines.length} field(s)</summary>
                    <ul className="mt-1 space-y-0.5 font-mono text-xs break-all">
                      {lines.map((l, i) => (
                        <li key={i}>{l}</li>
                      ))}
                    </ul>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
