import type { Metadata } from "next";
import Link from "next/link";
import { JsonLd } from "@/components/seo/JsonLd";
import { TradeChart } from "@/components/charts/TradeChart";
import { KeyFigure } from "@/components/site/KeyFigure";
import { RoundsTimeline } from "@/components/site/RoundsTimeline";
import { StoryCard } from "@/components/site/StoryCard";
import { UpdatesList } from "@/components/site/UpdatesList";
import { LiveRefresh } from "@/components/site/LiveRefresh";
import { liveStamp } from "@/db/queries/live";
import { getAgreement, latestUpdates } from "@/db/queries/agreements";
import { getAnnualSeries, mainSeriesLastYear, reportedTradeFigures } from "@/db/queries/figures";
import { keyFigures } from "@/db/queries/front";
import { getPartner } from "@/db/queries/partners";
import { listArticles } from "@/lib/content/articles";
import { statusSentence } from "@/lib/agreements";
import { LifecycleStepper } from "@/components/site/LifecycleStepper";
import { websiteJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";
import { LAST_COMPLETE_YEAR, SITE } from "@/lib/site";
import { tradeChart } from "@/lib/charts/tradeChart";
import { counterpartName } from "@/lib/domain/figure";
import { formatDate } from "@/lib/format/date";

export const metadata: Metadata = pageMetadata({
  title: `${SITE.name}: trade agreements, rounds and figures`,
  absoluteTitle: true,
  description:
    "Follow Cambodia's trade negotiations round by round, with stories, agreement trackers and trade figures that each link to their source.",
  path: "/",
});

/** The chart below the stories. */
const CHART = { partner: "KOR", flow: "total", from: 2000 } as const;

export default async function FrontPage() {
  const articles = listArticles();
  const [lead, ...rest] = articles;
  const [figures, ckfta, updates, stamp, chartPoints, chartReported, chartPartner] = await Promise.all([
    keyFigures(),
    getAgreement("ckfta"),
    latestUpdates(5),
    liveStamp(null),
    getAnnualSeries(CHART.partner, CHART.flow, CHART.from, LAST_COMPLETE_YEAR),
    reportedTradeFigures(CHART.partner),
    getPartner(CHART.partner),
  ]);
  const chart = tradeChart({
    ...CHART,
    partnerName: counterpartName(CHART.partner, () => chartPartner?.name),
    to: LAST_COMPLETE_YEAR,
    points: chartPoints,
    mainSeriesEnd: chartPoints.length ? null : await mainSeriesLastYear(),
    reported: chartReported,
  });

  return (
    <div className="space-y-10">
      <JsonLd data={websiteJsonLd()} />
      <h1 className="sr-only">{SITE.name}</h1>
      <section aria-label="Key figures" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {figures.map((f) => (
          <KeyFigure key={`${f.partner}${f.period}${f.flow}`} caption={f.caption} pick={f.pick} partnerName={f.partnerName} />
        ))}
      </section>

      <div className="grid gap-10 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="top-stories" className="space-y-6">
          <h2 id="top-stories" className="sr-only">
            Top stories
          </h2>
          {lead ? <StoryCard article={lead} lead /> : null}
          <div className="grid gap-5 sm:grid-cols-2">
            {rest.slice(0, 6).map((a) => (
              <StoryCard key={a.slug} article={a} />
            ))}
          </div>
          <p>
            <Link href="/articles" className="text-sm font-semibold underline">
              All stories
            </Link>
          </p>
        </section>

        <aside className="space-y-8">
          {ckfta ? (
            <section aria-labelledby="tracker-heading" className="rounded-md border border-(--color-rule) p-4">
              <h2 id="tracker-heading" className="text-sm font-bold tracking-wide uppercase">
                <Link href="/agreements/ckfta" className="hover:underline">
                  CKFTA tracker
                </Link>
              </h2>
              <p className="mt-1 text-sm text-(--color-muted)" data-status={ckfta.status ?? ""}>
                <strong className="text-(--color-ink)">{statusSentence(ckfta.standing)}.</strong>
                {ckfta.recordEnd ? <> Our record stops at {formatDate(ckfta.recordEnd)}.</> : null}
              </p>
              <div className="mt-3">
                <LifecycleStepper steps={ckfta.steps} eventHref={(id) => `/agreements/ckfta#event-${id}`} name={ckfta.name} />
              </div>
              <h3 className="mt-4 text-xs font-bold tracking-wide text-(--color-muted) uppercase">Latest steps</h3>
              <RoundsTimeline events={ckfta.events} rounds={ckfta.rounds} compact latest={4} />
              <p className="text-sm">
                <Link href="/agreements/ckfta" className="underline">
                  Every step with its source, the rounds and the figures
                </Link>
              </p>
            </section>
          ) : null}
          <section aria-labelledby="updates-heading">
            <h2 id="updates-heading" className="text-sm font-bold tracking-wide uppercase">
              Latest updates
            </h2>
            <UpdatesList updates={updates} showAgreement />
            <LiveRefresh stamp={stamp ?? ""} />
          </section>
        </aside>
      </div>

      <section aria-label="Chart">
        <TradeChart {...chart} />
      </section>
    </div>
  );
}
