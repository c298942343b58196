import matter from "gray-matter";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { FrontmatterSchema, type Frontmatter } from "./schema";

/**
 * Reads and validates content/articles/*.mdx. Pages use it through ./articles.ts (server-only,
 * cached per render); this file has no `server-only` marker so that the search indexer, which
 * runs under tsx in `db:setup`, can read the same stories the same way.
 */
const ARTICLES_DIR = join(process.cwd(), "content", "articles");
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type ArticleMeta = Frontmatter & { slug: string; readingMinutes: number };
/** A story with its MDX body (frontmatter removed). */
export type ArticleSource = ArticleMeta & { body: string };

// Stories change only with a deploy, so a running production server reads them once. (In `next
// dev` and in scripts they are read afresh each time.)
let memo: ArticleSource[] | null = null;

/** Every published story, newest first; drafts are left out. */
export function readArticles(): ArticleSource[] {
  if (memo) return memo;
  const list = readArticlesFromDisk();
  if (process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") memo = list;
  return list;
}

function readArticlesFromDisk(): ArticleSource[] {
  const files = readdirSync(ARTICLES_DIR).filter((f) => f.endsWith(".mdx"));
  const articles = files.map((file) => {
    const slug = file.replace(/\.mdx$/, "");
    if (!SLUG.test(slug)) throw new Error(`content/articles/${file}: file name is not a valid slug`);
    const { data, content } = matter(readFileSync(join(ARTICLES_DIR, file), "utf8"));
    const parsed = FrontmatterSchema.safeParse(data);
    if (!parsed.success) throw new Error(`content/articles/${file}: ${z.prettifyError(parsed.error)}`);
    const words = content.split(/\s+/).filter(Boolean).length;
    return { ...parsed.data, slug, readingMinutes: Math.max(1, Math.round(words / 230)), body: content };
  });
  return articles
    .filter((a) => !a.draft)
    .sort((a, b) => (a.date === b.date ? a.slug.localeCompare(b.slug) : b.date.localeCompare(a.date)));
}
