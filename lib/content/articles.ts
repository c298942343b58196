import "server-only";
import matter from "gray-matter";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cache } from "react";
import { z } from "zod";
import { FrontmatterSchema, type Frontmatter, type Topic } from "./schema";

/** The only module that reads content/. Stories are trusted MDX compiled at build time. */
const ARTICLES_DIR = join(process.cwd(), "content", "articles");
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type ArticleMeta = Frontmatter & { slug: string; readingMinutes: number };

export const listArticles = cache((): ArticleMeta[] => {
  const files = readdirSync(ARTICLES_DIR).filter((f) => f.endsWith(".mdx"));
  const articles = files.map((file) => {
    const slug = file.replace(/\.mdx$/, "");
    if (!SLUG.test(slug)) throw new Error(`content/articles/${file}: file name is not a valid slug`);
    const { data, content } = matter(readFileSync(join(ARTICLES_DIR, file), "utf8"));
    const parsed = FrontmatterSchema.safeParse(data);
    if (!parsed.success) throw new Error(`content/articles/${file}: ${z.prettifyError(parsed.error)}`);
    const words = content.split(/\s+/).filter(Boolean).length;
    return { ...parsed.data, slug, readingMinutes: Math.max(1, Math.round(words / 230)) };
  });
  return articles
    .filter((a) => !a.draft)
    .sort((a, b) => (a.date === b.date ? a.slug.localeCompare(b.slug) : b.date.localeCompare(a.date)));
});

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
