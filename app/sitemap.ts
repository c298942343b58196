import type { MetadataRoute } from "next";
import { listAgreementSlugs } from "@/db/queries/agreements";
import { listPartners } from "@/db/queries/partners";
import { listSources } from "@/db/queries/sources";
import { listArticles } from "@/lib/content/articles";
import { TOPICS } from "@/lib/content/schema";
import { SITE } from "@/lib/site";

export const revalidate = 60;

/** Every public page. Drafts never appear: listArticles() leaves them out. */
export default function sitemap(): MetadataRoute.Sitemap {
  const articles = listArticles();
  const newest = articles[0]?.updated;
  const url = (path: string) => `${SITE.url}${path}`;
  return [
    { url: url("/"), lastModified: newest },
    { url: url("/articles"), lastModified: newest },
    ...articles.map((a) => ({ url: url(`/articles/${a.slug}`), lastModified: a.updated })),
    ...Object.keys(TOPICS).map((t) => ({ url: url(`/topics/${t}`) })),
    { url: url("/agreements") },
    ...listAgreementSlugs().map((s) => ({ url: url(`/agreements/${s}`) })),
    { url: url("/partners") },
    ...listPartners().filter((p) => p.code !== "WLD").map((p) => ({ url: url(`/partners/${p.code}`) })),
    { url: url("/sources") },
    ...listSources().map((s) => ({ url: url(`/sources/${s.id}`), lastModified: s.publishedOn })),
  ];
}
