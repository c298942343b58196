import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JsonLd } from "@/components/seo/JsonLd";
import { StoryCard } from "@/components/site/StoryCard";
import { TradeChart } from "@/components/charts/TradeChart";
import { TariffShareValue } from "@/components/site/AgreementFacts";
import { BeforeAfter } from "@/components/site/BeforeAfter";
import { RoundDateReports, RoundsTimeline } from "@/components/site/RoundsTimeline";
import { UpdatesList } from "@/components/site/UpdatesList";
import { LiveRefresh } from "@/components/site/LiveRefresh";
import { liveStamp } from "@/db/queries/live";
import { Markdown } from "@/components/ui/Markdown";
import { LifecycleStepper, StepperKey } from "@/components/site/LifecycleStepper";
import { SourceCite } from "@/components/site/SourceCite";
import { WtoRecord } from "@/components/site/WtoRecord";
import { getAgreement, listAgreementSlugs, tariffSharesFor, wtoRecordsFor } from "@/db/queries/agreements";
import { getAnnualSeries, mainSeriesLastYear, reportedTradeFigures, tradeFiguresBetween } from "@/db/queries/figures";
import { getSource } from "@/db/queries/sources";
import { roundFormatLabel, STATUS_LABELS, statusSentence } from "@/lib/agreements";
import { articlesForAgreement } from "@/lib/content/articles";
import { formatDate, formatDateRange } from "@/lib/format/date";
import { breadcrumbJsonLd, roundsJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";
import { beforeAfter, figureMonths } from "@/lib/before-after";
import { tradeChart } from "@/lib/charts/tradeChart";
import { CAMBODIA } from "@/lib/domain/figure";
import { LAST_COMPLETE_YEAR, RECORD_REVIEWED } from "@/lib/site";
import { WTO_EXPORTS } from "@/lib/wto";

export async function generateStaticParams() {
  return (await listAgreementSlugs()).map((slug) => ({ slug }));
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const a = await getAgreement((await params).slug);
  if (!a) return {};
  const status = statusSentence(a.standing).toLowerCase();
  return pageMetadata({
    title: `${a.shortName} tracker`,
    description: `${a.name}: ${status}, ${a.rounds.length} negotiating ${a.rounds.length === 1 ? "round" : "rounds"} reported, every milestone dated and sourced, with stories and trade figures.`,
    path: `/agreements/${a.slug}`,
    feeds: [{ url: `/agreements/${a.slug}/feed.xml`, title: `${a.shortName} tracker` }],
  });
}

/**
 * Trade with the one other party of a bilateral agreement: its chart from 2000, and once the
 * agreement is in force the 12 months either side of that date.
 */
async function bilateralFigures(partner: { code: string; name: string }, inForceSince: { date: string } | null) {
  const around = inForceSince ? figureMonths(inForceSince.date) : null;
  const [points, reported, aroundEntry] = await Promise.all([
    getAnnualSeries(partner.code, "total", 2000, LAST_COMPLETE_YEAR),
    reportedTradeFigures(partner.code),
    around ? tradeFiguresBetween(partner.code, around.from, around.to) : null,
  ]);
  const mainSeriesEnd = points.length ? null : await mainSeriesLastYear();
  return {
    chart: tradeChart({
      partner: partner.code,
      partnerName: partner.name,
      flow: "total",
      from: 2000,
      to: LAST_COMPLETE_YEAR,
      points,
      mainSeriesEnd,
      reported,
    }),
    beforeAfter: inForceSince && aroundEntry ? beforeAfter(inForceSince.date, aroundEntry, partner.name) : null,
  };
}

export default async function AgreementPage({ params }: Props) {
  const a = await getAgreement((await params).slug);
  if (!a) notFound();
  const stamp = await liveStamp(a.slug);
  const stories = articlesForAgreement(a.slug);
  const counterparts = a.parties.filter((p) => p.code !== CAMBODIA);
  const chartPartner = counterparts.length === 1 ? counterparts[0] : undefined;
  const wto = await wtoRecordsFor(a.slug);
  const shares = await tariffSharesFor(a.slug);
  const olderWto = wto.length ? await getSource(WTO_EXPORTS.older) : null;
  const since = a.standing.since;
  const cambodiaRatified = a.standing.cambodiaRatified;
  const partnerFigures = chartPartner ? await bilateralFigures(chartPartner, a.standing.status === "in_force" ? since : null) : null;

  return (
    <div className="space-y-10">
      <JsonLd
        data={[
          breadcrumbJsonLd([
            { name: "Agreements", path: "/agreements" },
            { name: a.shortName, path: `/agreements/${a.slug}` },
          ]),
          ...(a.rounds.length ? [roundsJsonLd(a, a.rounds)] : []),
        ]}
      />
      <header className="border-b border-(--color-rule) pb-5">
        <p className="text-xs font-bold tracking-wide text-(--color-muted) uppercase">Agreement tracker</p>
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">{a.name}</h1>
        <dl className="mt-4 grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-(--color-muted)">Status</dt>
            <dd className="text-lg font-bold" data-status={a.status ?? ""}>
              {a.status ? STATUS_LABELS[a.status] : "Unknown"}
            </dd>
            {since ? (
              <dd className="text-xs text-(--color-muted)" data-status-since={since.date} data-status-scope={a.standing.scope}>
                {a.standing.status === "in_force" ? (a.standing.scope === "cambodia" ? "for Cambodia " : "for the first parties ") : ""}
                since <time dateTime={since.date}>{formatDate(since.date, since.precision)}</time>
              </dd>
            ) : null}
            {cambodiaRatified ? (
              <dd className="text-xs text-(--color-muted)" data-cambodia-ratified={cambodiaRatified}>
                Cambodia ratified on <time dateTime={cambodiaRatified}>{formatDate(cambodiaRatified)}</time>
              </dd>
            ) : null}
          </div>
          <div>
            <dt className="text-(--color-muted)">Rounds reported</dt>
            <dd className="text-lg font-bold">{a.rounds.length}</dd>
          </div>
          <div>
            <dt className="text-(--color-muted)">Coverage</dt>
            <dd className="font-semibold">{a.coverage ?? "Not stated"}</dd>
          </div>
          <div>
            <dt className="text-(--color-muted)">Parties</dt>
            <dd>
              {a.parties.map((p, i) => (
                <span key={p.code}>
                  {i > 0 ? ", " : ""}
                  {p.code === CAMBODIA ? (
                    p.name
                  ) : (
                    <Link href={`/partners/${p.code}`} className="underline">
                      {p.name}
                    </Link>
                  )}
                  {p.inForceOn ? ` (in force ${formatDate(p.inForceOn)})` : ""}
                </span>
              ))}
            </dd>
          </div>
        </dl>
        <div className="mt-5 max-w-2xl">
          <LifecycleStepper steps={a.steps} eventHref={(id) => `#event-${id}`} name={a.name} />
          <div className="mt-1">
            <StepperKey />
          </div>
        </div>
        <p className="mt-3 text-sm" data-status-sentence>
          <strong>{statusSentence(a.standing)}.</strong>{" "}
          {a.recordEnd ? (
            <span className="text-(--color-muted)" data-record-end={a.recordEnd}>
              Our record stops at <time dateTime={a.recordEnd}>{formatDate(a.recordEnd)}</time>: nothing later about this agreement is in
              the sources we hold (reviewed {formatDate(RECORD_REVIEWED)}).
            </span>
          ) : null}
        </p>
        {a.summary ? <Markdown className="prose-md mt-4 max-w-3xl font-serif text-lg">{a.summary}</Markdown> : null}
      </header>

      <div className="grid gap-10 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading" className="text-xl font-bold">
            Timeline
          </h2>
          <p className="mt-1 text-sm text-(--color-muted)">
            Every milestone with its source; &ldquo;one source&rdquo; marks a step only one secondary report gives.
          </p>
          <RoundsTimeline events={a.events} rounds={a.rounds} anchors />
          {a.rounds.length > 0 ? (
            <>
              <h2 className="mt-8 text-xl font-bold">Rounds</h2>
              <div className="mt-3 overflow-x-auto">
                <table className="w-full border-collapse text-left text-sm" data-rounds-table>
                  <caption className="sr-only">Negotiating rounds of the {a.shortName}</caption>
                  <thead>
                    <tr className="border-b-2 border-(--color-ink)">
                      <th scope="col" className="py-2 pr-3">
                        Round
                      </th>
                      <th scope="col" className="py-2 pr-3">
                        Dates
                      </th>
                      <th scope="col" className="py-2 pr-3">
                        Format
                      </th>
                      <th scope="col" className="py-2">
                        Topics
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.rounds.map((r) => (
                      <tr
                        key={r.id}
                        id={`round-${r.number}`}
                        className="border-b border-(--color-rule) align-top"
                        data-round-row={r.number}
                      >
                        <th scope="row" className="py-2 pr-3 font-bold">
                          {r.number}
                        </th>
                        <td className="py-2 pr-3">
                          <time dateTime={r.startDate}>{formatDateRange(r.startDate, r.endDate)}</time>
                          <RoundDateReports round={r} />
                        </td>
                        <td className="py-2 pr-3">
                          {roundFormatLabel(r.format)}
                          {r.host ? `, ${r.host}` : ""}
                        </td>
                        <td className="py-2">
                          {r.topics.length ? r.topics.join("; ") : <span className="text-(--color-muted)">Not reported</span>}
                          {r.summary ? <Markdown className="prose-md mt-1 text-(--color-muted)">{r.summary}</Markdown> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </section>
        <section aria-labelledby="updates-heading">
          <h2 id="updates-heading" className="text-xl font-bold">
            Updates
          </h2>
          <UpdatesList updates={a.updates} />
          <LiveRefresh agreement={a.slug} stamp={stamp ?? ""} />
        </section>
      </div>

      {shares.length > 0 ? (
        <section aria-labelledby="paper-heading" className="max-w-3xl">
          <h2 id="paper-heading" className="text-xl font-bold">
            What it changes on paper
          </h2>
          <ul className="mt-2 space-y-2" data-tariff-shares>
            {shares.map((s) => (
              <li key={s.id}>
                {s.partyName} removes tariffs on <TariffShareValue share={s} />.{" "}
                <span className="text-sm text-(--color-muted)">
                  {s.combinedWith ? `The share covers the ${a.shortName} and ${s.combinedWith.shortName} together. ` : ""}
                  {s.counted === "products" ? "The source counts products, not tariff lines. " : ""}
                  {s.note}
                </span>
                <span className="block text-xs text-(--color-muted)">
                  Source: <SourceCite source={s.source} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {wto.length > 0 ? (
        <section aria-labelledby="wto-heading" className="max-w-3xl">
          <h2 id="wto-heading" className="text-xl font-bold">
            The WTO&apos;s record
          </h2>
          <WtoRecord
            records={wto}
            olderVintage={olderWto ? { id: olderWto.id, title: olderWto.title, date: olderWto.publishedOn } : null}
          />
        </section>
      ) : null}

      {chartPartner && partnerFigures ? (
        <section aria-labelledby="figures-heading" className="space-y-4">
          <h2 id="figures-heading" className="text-xl font-bold">
            Trade with {chartPartner.name}
          </h2>
          {partnerFigures.beforeAfter ? (
            <BeforeAfter
              result={partnerFigures.beforeAfter}
              agreementName={a.shortName}
              agreementHref={`/agreements/${a.slug}`}
              partnerName={chartPartner.name}
            />
          ) : null}
          <TradeChart {...partnerFigures.chart} />
          <p className="text-sm">
            More figures:{" "}
            <Link href={`/partners/${chartPartner.code}`} className="underline">
              {chartPartner.name} partner profile
            </Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="stories-heading">
        <h2 id="stories-heading" className="text-xl font-bold">
          Stories
        </h2>
        <div className="mt-3 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
          {stories.length ? (
            stories.map((s) => <StoryCard key={s.slug} article={s} />)
          ) : (
            <p className="text-sm text-(--color-muted)">No stories yet.</p>
          )}
        </div>
      </section>
    </div>
  );
}
