import Link from "next/link";
import type { ArticleMeta } from "@/lib/content/articles";
import { TOPICS } from "@/lib/content/schema";
import { formatDate } from "@/lib/format/date";

export function StoryCard({ article, lead = false }: { article: ArticleMeta; lead?: boolean }) {
  const topic = article.topics[0];
  return (
    <article className={lead ? "" : "border-t border-(--color-rule) pt-3"} data-story={article.slug}>
      {topic ? (
        <Link href={`/topics/${topic}`} className="text-xs font-bold tracking-wide text-(--color-accent-ink) uppercase hover:underline">
          {TOPICS[topic]}
        </Link>
      ) : null}
      <h3
        className={lead ? "mt-1 font-serif text-3xl leading-tight font-bold sm:text-4xl" : "mt-1 font-serif text-xl leading-snug font-bold"}
      >
        <Link href={`/articles/${article.slug}`} className="hover:underline">
          {article.title}
        </Link>
      </h3>
      <p className={lead ? "mt-2 font-serif text-lg text-(--color-muted)" : "mt-1 text-sm text-(--color-muted)"}>{article.dek}</p>
      <p className="mt-1 text-xs text-(--color-muted)">
        <time dateTime={article.date}>{formatDate(article.date)}</time> · {article.readingMinutes} min read
      </p>
    </article>
  );
}
