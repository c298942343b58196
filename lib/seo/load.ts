import "server-only";
import { listAgreementSlugs } from "@/db/queries/agreements";
import { listPartners } from "@/db/queries/partners";
import { lastChanges } from "@/db/queries/seo";
import { listSources } from "@/db/queries/sources";
import { listArticles } from "@/lib/content/articles";
import { WORLD } from "@/lib/domain/figure";
import { TOPICS } from "@/lib/content/schema";
import { sitemapEntries, type SitemapEntry } from "./sitemap";

/** Every public page and its last change, read from content/ and the database. */
export async function loadSitemapEntries(): Promise<SitemapEntry[]> {
  const [slugs, partners, sources, changes] = await Promise.all([listAgreementSlugs(), listPartners(), listSources(), lastChanges()]);
  return sitemapEntries({
    articles: listArticles(),
    topics: Object.keys(TOPICS),
    agreements: slugs.map((slug) => ({ slug })),
    // The world aggregate is a figure series, not a partner page.
    partners: partners.filter((p) => p.code !== WORLD),
    sources,
    ...changes,
  });
}
