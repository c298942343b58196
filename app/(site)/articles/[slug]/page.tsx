import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FigureOrMissing } from "@/components/charts/FigureValue";
import { JsonLd } from "@/components/seo/JsonLd";
import { StoryCard } from "@/components/site/StoryCard";
import { getAgreement } from "@/db/queries/agreements";
import { getCell } from "@/db/queries/figures";
import { partnerNames } from "@/db/queries/partners";
import { findSource } from "@/db/queries/sources";
import { getArticle, listArticles, relatedArticles } from "@/lib/content/articles";
import { TOPICS } from "@/lib/content/schema";
import { formatDate, formatSourceDate } from "@/lib/format/date";
import { KEY_FIGURES } from "@/lib/site";
import { counterpartName, figureTitle, periodFromLabel, periodText, pickFigure } from "@/lib/domain/figure";
import { breadcrumbJsonLd, newsArticleJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata, storyImagePath } from "@/lib/seo/metadata";

export function generateStaticParams() {
  return listArticles().map((a) => ({ slug: a.slug }));
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = getArticle((await params).slug);
  if (!article) return {};
  const topic = article.topics[0];
  const agreement = article.agreement ? await getAgreement(article.agreement) : null;
  return pageMetadata({
    title: article.title,
    description: article.dek,
    path: `/articles/${article.slug}`,
    // A reader of a CKFTA story can subscribe to the CKFTA alone.
    feeds: agreement ? [{ url: `/agreements/${agreement.slug}/feed.xml`, title: `${agreement.shortName} tracker` }] : [],
    article: {
      publishedTime: article.date,
      modifiedTime: article.updated,
      authors: [article.author],
      ...(topic ? { section: TOPICS[topic] } : {}),
      tags: article.topics.map((t) => TOPICS[t]),
      image: { url: storyImagePath(article.slug), alt: `${article.title}: headline card` },
    },
  });
}

export default async function ArticlePage({ params }: Props) {
  const article = getArticle((await params).slug);
  if (!article) notFound();
  // Trusted MDX from content/, compiled at build time.
  const { default: Body } = await import(`@/content/articles/${article.slug}.mdx`);
  const related = relatedArticles(article);
  const cited = await Promise.all(article.sources.map((s) => findSource(s.publisher, s.title, s.date)));
  const names = await partnerNames();
  const relatedFigures = await Promise.all(
    KEY_FIGURES.filter((k) => article.partners.includes(k.partner)).flatMap((k) => {
      const period = periodFromLabel(k.period);
      if (!period) return [];
      return [
        getCell(k.partner, k.flow, period).then((cell) => ({
          ...k,
          period,
          pick: pickFigure(cell),
          title: figureTitle(k.flow, counterpartName(k.partner, names), period),
        })),
      ];
    }),
  );

  return (
    <article className="mx-auto max-w-3xl">
      <JsonLd
        data={[
          newsArticleJsonLd(article, TOPICS),
          breadcrumbJsonLd([
            { name: "Stories", path: "/articles" },
            { name: article.title, path: `/articles/${article.slug}` },
          ]),
        ]}
      />
      <header className="border-b border-(--color-rule) pb-5">
        <p className="text-xs font-bold tracking-wide uppercase">
          {article.topics.map((t, i) => (
            <span key={t}>
              {i > 0 ? " · " : ""}
              <Link href={`/topics/${t}`} className="text-(--color-accent-ink) hover:underline">
                {TOPICS[t]}
              </Link>
            </span>
          ))}
        </p>
        <h1 className="mt-2 font-serif text-3xl leading-tight font-bold sm:text-5xl">{article.title}</h1>
        <p className="mt-3 font-serif text-xl text-(--color-muted)">{article.dek}</p>
        <p className="mt-4 text-sm">
          By <span className="font-semibold">{article.author}</span>
          <span className="text-(--color-muted)">
            {" · "}
            <time dateTime={article.date}>{formatDate(article.date)}</time>
            {article.updated !== article.date ? (
              <>
                {" · Updated "}
                <time dateTime={article.updated}>{formatDate(article.updated)}</time>
              </>
            ) : null}
          </span>
        </p>
        {article.changes.length > 0 ? (
          <div className="mt-3 rounded-sm border-l-4 border-(--color-accent) bg-(--color-rule)/30 px-3 py-2 text-sm" data-story-changes>
            <p className="text-(--color-muted)">
              First published <time dateTime={article.date}>{formatDate(article.date)}</time>.
            </p>
            {article.changes.map((c) => (
              <p key={c.date + c.note} data-story-change={c.date}>
                <strong>
                  Updated <time dateTime={c.date}>{formatDate(c.date)}</time>:
                </strong>{" "}
                {c.note}
              </p>
            ))}
          </div>
        ) : null}
      </header>

      <div className="prose-story mt-6">
        <Body />
      </div>

      <aside className="mt-10 rounded-md border border-(--color-rule) p-4 text-sm" aria-labelledby="sources-heading">
        <h2 id="sources-heading" className="font-bold">
          Sources
        </h2>
        <p className="mt-1 text-(--color-muted)">
          This story is written by our newsroom from the reports below. Figures in the text are read live from our database and link to
          their origin. Titles in square brackets describe reports whose original headline we do not hold.
        </p>
        <ul className="mt-2 list-disc pl-5">
          {article.sources.map((s, i) => {
            const stored = cited[i];
            return (
              <li key={`${s.publisher}${s.title}`}>
                {s.publisher},{" "}
                {stored ? (
                  <Link href={`/sources/${stored.id}`} className="underline">
                    {s.title}
                  </Link>
                ) : (
                  s.title
                )}
                ,{" "}
                <time dateTime={s.date}>
                  {stored ? formatSourceDate(stored.publishedOn, stored.publishedPrecision, stored.dateInferred) : formatDate(s.date)}
                </time>
              </li>
            );
          })}
        </ul>
      </aside>

      {relatedFigures.length > 0 ? (
        <aside className="mt-6 text-sm" aria-labelledby="figures-heading">
          <h2 id="figures-heading" className="font-bold">
            Related figures
          </h2>
          <ul className="mt-2 space-y-1">
            {relatedFigures.map((k) => (
              <li key={`${k.partner}${k.period.start}`}>
                {k.caption}, {periodText(k.period)}: <FigureOrMissing pick={k.pick} label={k.title} />
              </li>
            ))}
            {article.partners.map((p) => (
              <li key={p}>
                <Link href={`/partners/${p}`} className="underline">
                  Trade with this partner over time
                </Link>
              </li>
            ))}
          </ul>
        </aside>
      ) : null}

      {related.length > 0 ? (
        <section className="mt-10" aria-labelledby="related-heading">
          <h2 id="related-heading" className="text-sm font-bold tracking-wide uppercase">
            Related stories
          </h2>
          <div className="mt-3 grid gap-4 sm:grid-cols-3">
            {related.map((a) => (
              <StoryCard key={a.slug} article={a} />
            ))}
          </div>
        </section>
      ) : null}
    </article>
  );
}
