import { loadSitemapEntries } from "@/lib/seo/load";
import { planSitemap, renderSitemapIndex, renderUrlset } from "@/lib/seo/sitemap";
import { SITE } from "@/lib/site";
import { PUBLIC_CACHE_CONTROL, SURROGATE_CONTROL } from "@/lib/http-cache.mjs";

/**
 * One urlset while the site has at most 50,000 public pages, a sitemap index of /sitemaps/N.xml
 * after that. Written as a route handler rather than app/sitemap.ts with generateSitemaps:
 * Next 16 serves those parts at /sitemap/N.xml but no index, so /sitemap.xml (the address in
 * robots.txt) would disappear the day the site crossed the limit.
 */
export async function GET() {
  // Last-change dates come from rounds, updates and figures; their loaders carry the tags.
  const plan = planSitemap(await loadSitemapEntries());
  const body = plan.kind === "urlset" ? renderUrlset(plan.entries, SITE.url) : renderSitemapIndex(plan.parts, SITE.url);
  return new Response(body, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": PUBLIC_CACHE_CONTROL,
      "Surrogate-Control": SURROGATE_CONTROL,
    },
  });
}
