import type { Metadata } from "next";
import Link from "next/link";
import { JsonLd } from "@/components/seo/JsonLd";
import { LifecycleStepper, StepperKey } from "@/components/site/LifecycleStepper";
import { allWtoRecords, listAgreements, wtoExportRows } from "@/db/queries/agreements";
import { getSource } from "@/db/queries/sources";
import { statusSentence } from "@/lib/agreements";
import { formatDate } from "@/lib/format/date";
import { breadcrumbJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";
import { RECORD_REVIEWED } from "@/lib/site";
import { compareVintages, fieldText, WTO_EXPORTS } from "@/lib/wto";

export const metadata: Metadata = pageMetadata({
  title: "Agreements",
  description:
    "Every trade agreement Cambodia is party to or negotiating: where each stands, since when, and its path from proposal to entry into force, each step sourced.",
  path: "/agreements",
});

export default async function AgreementsPage() {
  const agreements = await listAgreements();
  const rows = await wtoExportRows(WTO_EXPORTS.newest);
  const all = await allWtoRecords();
  const compared = compareVintages(
    all.filter((r) => r.sourceId === WTO_EXPORTS.newest),
    all.filter((r) => r.sourceId === WTO_EXPORTS.older),
  );
  const newest = await getSource(WTO_EXPORTS.newest);
  const older = await getSource(WTO_EXPORTS.older);
  return (
    <div className="mx-auto max-w-4xl">
      <JsonLd data={breadcrumbJsonLd([{ name: "Agreements", path: "/agreements" }])} />
      <h1 className="font-serif text-4xl font-bold">Agreements</h1>
      <p className="mt-1 text-(--color-muted)">
        Trade agreements Cambodia is party to or negotiating: where each stands, and its path from proposal to entry into force. Each date
        opens the milestone and its source. Record reviewed {formatDate(RECORD_REVIEWED)}.
      </p>
      <div className="mt-2">
        <StepperKey />
      </div>
      <ul className="mt-6 divide-y divide-(--color-rule)" data-agreement-list>
        {agreements.map((a) => (
          <li key={a.slug} className="grid gap-3 py-4 sm:grid-cols-[1fr_minmax(0,26rem)] sm:items-center" data-agreement={a.slug}>
            <div>
              <Link href={`/agreements/${a.slug}`} className="font-serif text-lg font-semibold hover:underline">
                {a.name} <span className="text-sm font-normal text-(--color-muted)">({a.shortName})</span>
              </Link>
              <p
                className="text-sm"
                data-status={a.status ?? ""}
                data-status-since={a.standing.since?.date ?? ""}
                data-status-scope={a.standing.scope}
              >
                {statusSentence(a.standing)}
                {a.standing.cambodiaRatified ? (
                  <span className="text-(--color-muted)">; Cambodia ratified on {formatDate(a.standing.cambodiaRatified)}</span>
                ) : null}
              </p>
            </div>
            <LifecycleStepper steps={a.steps} eventHref={(id) => `/agreements/${a.slug}#event-${id}`} name={a.name} />
          </li>
        ))}
      </ul>

      {rows.length > 0 ? (
        <section className="mt-12" aria-labelledby="wto-heading">
          <h2 id="wto-heading" className="text-xl font-bold">
            The WTO&apos;s list
          </h2>
          <p className="mt-1 text-sm text-(--color-muted)">
            Every row of{" "}
            {newest ? (
              <Link href={`/sources/${newest.id}`} className="underline">
                the WTO&apos;s Regional Trade Agreements export of early 2026
              </Link>
            ) : (
              "the WTO's export of early 2026"
            )}{" "}
            that names Cambodia or ASEAN, beside what{" "}
            {older ? (
              <Link href={`/sources/${older.id}`} className="underline">
                the March 2021 extract
              </Link>
            ) : (
              "the March 2021 extract"
            )}{" "}
            said. RCEP is not in either export; its dates come from news reports.
          </p>
          <div className="mt-3 overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm" data-wto-table>
              <caption className="sr-only">Rows of the WTO&apos;s 2026 export for Cambodia and ASEAN</caption>
              <thead>
                <tr className="border-b-2 border-(--color-ink)">
                  <th scope="col" className="py-2 pr-3">
                    RTA and WTO name
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    WTO status; Cambodia&apos;s date
                  </th>
                  <th scope="col" className="py-2">
                    Since March 2021
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ record: r, slug, shortName }) => {
                  const c = compared.find((x) => x.row.rtaId === r.rtaId);
                  return (
                    <tr key={r.rtaId} className="border-b border-(--color-rule) align-top" data-wto-rta={r.rtaId}>
                      <th scope="row" className="py-2 pr-3 font-normal">
                        <span className="font-semibold tabular-nums">{r.rtaId}</span> · {r.name}
                        <span className="block text-xs">
                          <Link href={`/agreements/${slug}`} className="underline">
                            {shortName} tracker
                          </Link>{" "}
                          · {r.coverage}
                        </span>
                      </th>
                      <td className="py-2 pr-3">
                        <span data-wto-status>
                          {r.status}
                          {r.inactiveOn ? (
                            <span className="block text-xs text-(--color-muted)">since {formatDate(r.inactiveOn)}</span>
                          ) : null}
                        </span>
                        <span className="block text-xs text-(--color-muted)">
                          Cambodia:{" "}
                          {r.cambodiaDate
                            ? `${r.cambodiaDateKind === "ratification" ? "ratified " : ""}${fieldText("cambodiaDate", r.cambodiaDate)}`
                            : "no own date"}
                        </span>
                      </td>
                      <td className="py-2" data-wto-diff={c?.older ? c.changes.length : "new"}>
                        {!c?.older ? (
                          <strong>New in 2026</strong>
                        ) : c.changes.length === 0 ? (
                          <span className="text-(--color-muted)">unchanged</span>
                        ) : (
                          c.changes.map((x) => x.label).join("; ")
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
