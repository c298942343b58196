import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { JsonLd } from "@/components/seo/JsonLd";
import { FigureOrMissing } from "@/components/charts/FigureValue";
import { TradeChart } from "@/components/charts/TradeChart";
import { FigureTable } from "@/components/site/FigureTable";
import { ReportedTable, reportedRows } from "@/components/site/ReportedTable";
import { StoryCard } from "@/components/site/StoryCard";
import { agreementsForPartner } from "@/db/queries/agreements";
import {
  getAnnualSeries,
  getCell,
  latestAnnualYear,
  mainSeriesLastYear,
  reportedFigures,
  reportedTradeFigures,
  type SeriesPoint,
} from "@/db/queries/figures";
import { getPartner, listPartners } from "@/db/queries/partners";
import { partnerCoverage } from "@/db/queries/seo";
import { articlesForPartner } from "@/lib/content/articles";
import { tradeChart } from "@/lib/charts/tradeChart";
import { annualPeriod, CAMBODIA, figureTitle, isAnnual, khmFlowName, periodOf, pickFigure, yearOf } from "@/lib/domain/figure";
import { partnerDatasetJsonLd } from "@/lib/seo/datasets";
import { breadcrumbJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";
import { LAST_COMPLETE_YEAR } from "@/lib/site";
import { yearsText } from "@/lib/format/years";
import { statusSentence } from "@/lib/agreements";

export async function generateStaticParams() {
  return (await listPartners()).map((p) => ({ code: p.code }));
}

type Props = { params: Promise<{ code: string }> };

const CODE = /^[A-Za-z]{3}$/;

async function load(params: Props["params"]) {
  const { code } = await params;
  if (!CODE.test(code)) notFound();
  const upper = code.toUpperCase();
  // Codes are case-insensitive; the canonical URL is upper case.
  if (upper !== code) permanentRedirect(`/partners/${upper}`);
  const partner = upper === CAMBODIA ? null : await getPartner(upper);
  if (!partner) notFound();
  return partner;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const partner = await load(params);
  const coverage = await partnerCoverage(partner.code);
  const span = coverage ? ` from ${coverage.first.slice(0, 4)} to ${coverage.last.slice(0, 4)}` : "";
  return pageMetadata({
    title: `Cambodia–${partner.name} trade`,
    description: `Trade between Cambodia and ${partner.name}${span}, as each side records it, with the agreements they share, stories and the source of every figure.`,
    path: `/partners/${partner.code}`,
  });
}

/** The header's figures for the latest year of the main series. */
const HEADLINE_FLOWS = ["total", "exports", "imports", "balance"] as const;

export default async function PartnerPage({ params }: Props) {
  const partner = await load(params);
  const stories = articlesForPartner(partner.code);
  const [year, agreements, quoted, tradeQuoted, coverage, totalSeries, exportsSeries, importsSeries] = await Promise.all([
    latestAnnualYear(partner.code),
    agreementsForPartner(partner.code),
    reportedFigures(partner.code),
    reportedTradeFigures(partner.code),
    partnerCoverage(partner.code),
    getAnnualSeries(partner.code, "total", 1990, LAST_COMPLETE_YEAR),
    getAnnualSeries(partner.code, "exports", 2000, LAST_COMPLETE_YEAR),
    getAnnualSeries(partner.code, "imports", 2000, LAST_COMPLETE_YEAR),
  ]);
  const headline = year
    ? await Promise.all(
        HEADLINE_FLOWS.map(async (flow) => ({ flow, pick: pickFigure(await getCell(partner.code, flow, annualPeriod(year))) })),
      )
    : [];
  // A chart with no point of its own ends where the main series ends for every partner.
  const mainSeriesEnd = [totalSeries, exportsSeries, importsSeries].some((s) => s.length === 0) ? await mainSeriesLastYear() : null;
  const chart = (flow: string, from: number, points: SeriesPoint[]) =>
    tradeChart({
      partner: partner.code,
      partnerName: partner.name,
      flow,
      from,
      to: LAST_COMPLETE_YEAR,
      points,
      mainSeriesEnd,
      reported: tradeQuoted,
    });
  const seriesEnd = year ?? 2020;
  const afterSeries = (f: { periodEnd: string }) => f.periodEnd > `${seriesEnd}-12`;
  const later = tradeQuoted.filter(afterSeries);
  const laterRows = reportedRows(later);
  // Quoted figures that are not trade values after the series (earlier years, ranks, investment) keep their own list.
  const reported = quoted.filter((f) => !(afterSeries(f) && ["total", "exports", "imports", "balance"].includes(f.khmFlow)));
  const fullYears = new Set(later.filter((f) => f.khmFlow === "total" && isAnnual(periodOf(f))).map((f) => yearOf(f.periodStart)));
  const missing: number[] = [];
  for (let y = seriesEnd + 1; y <= LAST_COMPLETE_YEAR; y++) if (!fullYears.has(y)) missing.push(y);

  return (
    <div className="space-y-10">
      <JsonLd
        data={[
          breadcrumbJsonLd([
            { name: "Partners", path: "/partners" },
            { name: partner.name, path: `/partners/${partner.code}` },
          ]),
          ...(coverage ? [partnerDatasetJsonLd(partner, coverage)] : []),
        ]}
      />
      <header className="border-b border-(--color-rule) pb-5">
        <p className="text-xs font-bold tracking-wide text-(--color-muted) uppercase">Partner profile · {partner.region}</p>
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">Cambodia and {partner.name}</h1>
        {year ? (
          <dl className="mt-4 grid grid-cols-1 gap-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
            {headline.map(({ flow, pick }) => (
              <div key={flow}>
                <dt className="text-(--color-muted)">
                  {khmFlowName(flow)}, {year}
                </dt>
                <dd className="mt-1">
                  <FigureOrMissing pick={pick} label={figureTitle(flow, partner.name, annualPeriod(year))} />
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
      </header>

      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading" className="text-xl font-bold">
          Trade over time, from both sides&apos; records
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-(--color-muted)">
          Cambodia and {partner.name} each record their trade with the other; the two rarely agree, because imports include freight and
          insurance (CIF) while exports do not (FOB), and goods can be attributed to different partners.
        </p>
        <TradeChart {...chart("total", 1990, totalSeries)} />
        <div className="grid gap-6 lg:grid-cols-2">
          <TradeChart {...chart("exports", 2000, exportsSeries)} />
          <TradeChart {...chart("imports", 2000, importsSeries)} />
        </div>
      </section>

      <section aria-labelledby="after-heading" className="space-y-3" data-after-series={seriesEnd}>
        <h2 id="after-heading" className="text-xl font-bold">
          After {seriesEnd}: figures quoted in reports
        </h2>
        <p className="max-w-3xl text-sm">
          The IMF series ends in {seriesEnd}, and no open dataset of Cambodia&apos;s trade by partner after that is in our database. What
          follows are single figures that news reports quoted, each labelled with whose records it is: Cambodia&apos;s customs (GDCE), or
          the partner&apos;s (Korea&apos;s KITA, Japan&apos;s JETRO). They are not one series. Partners&apos; records usually run well above
          Cambodia&apos;s for the same trade, as the two lines of the IMF chart above show, and part-year spans cannot be compared with full
          years.
        </p>
        {laterRows.length > 0 ? (
          <ReportedTable
            rows={laterRows}
            partnerName={partner.name}
            caption={`Cambodia–${partner.name} trade after ${seriesEnd}, newest period first. Hover or open a value for every dollar as stored.`}
          />
        ) : (
          <p className="text-sm text-(--color-muted)" data-no-later-figures>
            No figure for Cambodia–{partner.name} trade after {seriesEnd} is in our database.
          </p>
        )}
        <div className="max-w-3xl text-sm" data-missing>
          <p className="font-semibold">What is missing</p>
          <ul className="list-disc pl-5 text-(--color-muted)">
            {missing.length ? (
              <li data-missing-years={missing.join(",")}>
                No full-year figure for {yearsText(missing)} from either side&apos;s records
                {laterRows.some((r) => !isAnnual(r.period)) ? "; for some of those years only part-year spans, as the table shows" : ""}.
              </li>
            ) : null}
            <li>
              No open dataset after {seriesEnd}: the IMF&apos;s successor series (IMTS), UN Comtrade and the GDCE&apos;s monthly tables hold
              later years but are not in our database.
            </li>
          </ul>
        </div>
      </section>

      {reported.length > 0 ? (
        <section aria-labelledby="reported-heading">
          <h2 id="reported-heading" className="text-xl font-bold">
            Other figures from news reports
          </h2>
          <FigureTable
            figures={reported}
            partnerName={partner.name}
            caption={`Other figures about Cambodia and ${partner.name} quoted in reports we cover.`}
          />
        </section>
      ) : null}

      <section aria-labelledby="agreements-heading">
        <h2 id="agreements-heading" className="text-xl font-bold">
          Agreements with Cambodia
        </h2>
        {agreements.length ? (
          <ul className="mt-2 space-y-1">
            {agreements.map((a) => (
              <li key={a.slug}>
                <Link href={`/agreements/${a.slug}`} className="font-semibold underline">
                  {a.name}
                </Link>
                <span className="text-sm text-(--color-muted)"> · {statusSentence(a.standing)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-(--color-muted)">No agreement between Cambodia and {partner.name} in our records.</p>
        )}
      </section>

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
