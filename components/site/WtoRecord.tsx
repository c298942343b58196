import Link from "next/link";
import type { WtoRecordView } from "@/db/queries/agreements";
import { formatDate } from "@/lib/format/date";
import { changeSentence, compareVintages, fieldText, WTO_FIELDS } from "@/lib/wto";

/**
 * What the WTO's RTA-IS records for an agreement: the newest export's row(s) field by field, and
 * what an older export said differently. The newest is the one the tracker follows.
 */
export function WtoRecord({
  records,
  olderVintage,
}: {
  records: WtoRecordView[];
  olderVintage?: { id: string; title: string; date: string } | null;
}) {
  const vintages = [
    ...new Map(records.map((r) => [r.sourceId, { id: r.sourceId, title: r.sourceTitle, date: r.sourceDate }])).values(),
  ].sort((a, b) => b.date.localeCompare(a.date));
  const newest = vintages[0];
  // An agreement the older export does not list still gets compared with it: every row is new.
  const older = vintages[1] ?? (olderVintage && olderVintage.id !== newest?.id ? olderVintage : undefined);
  if (!newest) return null;
  const compared = compareVintages(
    records.filter((r) => r.sourceId === newest.id),
    older ? records.filter((r) => r.sourceId === older.id) : [],
  );
  const olderName = older ? `the extract of ${formatDate(older.date, "month")}` : "";
  return (
    <div className="space-y-5 text-sm" data-wto-record>
      <p className="text-(--color-muted)">
        From the WTO&apos;s Regional Trade Agreements database:{" "}
        <Link href={`/sources/${newest.id}`} className="underline">
          {newest.title}
        </Link>
        {older ? (
          <>
            , compared with{" "}
            <Link href={`/sources/${older.id}`} className="underline">
              {olderName}
            </Link>
            . Where they differ, we follow the newer.
          </>
        ) : (
          "."
        )}
      </p>
      {compared.map(({ row, older: twin, changes }) => (
        <div key={row.rtaId} className="rounded-md border border-(--color-rule) p-3" data-wto-row={row.rtaId} data-wto-status={row.status}>
          <p className="font-semibold">
            RTA {row.rtaId} · {row.name} · <span data-wto-row-status>{row.status}</span>
          </p>
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
            {WTO_FIELDS.filter((f) => row[f.key] !== null && f.key !== "status").map((f) => (
              <div key={f.key} className="contents">
                <dt className="text-(--color-muted)">
                  {f.key === "cambodiaDate" && row.cambodiaDateKind === "ratification" ? "Cambodia ratified" : f.label}
                </dt>
                <dd data-wto-field={f.key}>{fieldText(f.key, row[f.key])}</dd>
              </div>
            ))}
          </dl>
          {older ? (
            <div className="mt-2" data-wto-changes={changes.length}>
              {twin === null ? (
                <p>New since {olderName}: the agreement, or this part of it, was not in that extract.</p>
              ) : changes.length === 0 ? (
                <p className="text-(--color-muted)">No change in these fields since {olderName}.</p>
              ) : (
                <>
                  <p className="font-semibold">Changed since {olderName}:</p>
                  <ul className="list-disc pl-5">
                    {changes.map((c) => (
                      <li key={c.key} data-wto-change={c.key}>
                        {changeSentence(c, olderName)}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ) : null}
        </div>
      ))}
    </div>
  );
}
