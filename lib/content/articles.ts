import "server-only";
import { cache } from "react";
import type { Topic } from "./schema";
import { readArticles, SLUG, type ArticleMeta } from "./read";

/** The only module pages use to read content/. Stories are trusted MDX compiled at build time. */
export { SLUG, type ArticleMeta };

export const listArticles = cache((): ArticleMeta[] => readArticles().map(({ body: _body, ...meta }) => meta));

export function getArticle(slug: string): ArticleMeta | undefined {
  if (!SLUG.test(slug)) return undefined;
  return listArticles().find((a) => a.slug === slug);
}

export function articlesForTopic(topic: Topic): ArticleMeta[] {
  return listArticles().filter((a) => a.topics.includes(topic));
}

export function articlesForAgreement(slug: string): ArticleMeta[] {
  return listArticles().filter((a) => a.agreement === slug);
}

export function articlesForPartner(code: string): ArticleMeta[] {
  return listArticles().filter((a) => a.partners.includes(code));
}

/** Stories sharing the most topics, agreement or partners with this one. */
export function relatedArticles(article: ArticleMeta, limit = 3): ArticleMeta[] {
  const score = (a: ArticleMeta) =>
    a.topics.filter((t) => article.topics.includes(t)).length +
    (a.agreement && a.agreement === article.agreement ? 2 : 0) +
    a.partners.filter((p) => article.partners.includes(p)).length;
  return listArticles()
    .filter((a) => a.slug !== article.slug)
    .map((a) => ({ a, s: score(a) }))
    .filter((x) => x.s > 0)
    .sort((x, y) => y.s - x.s || y.a.date.localeCompare(x.a.date))
    .slice(0, limit)
    .map((x) => x.a);
}
