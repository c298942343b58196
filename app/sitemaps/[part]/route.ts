import { z } from "zod";
import { loadSitemapEntries } from "@/lib/seo/load";
import { planSitemap, renderUrlset, sitemapPart } from "@/lib/seo/sitemap";
import { SITE } from "@/lib/site";
import { publicHeaders } from "@/lib/api/http";
import { tags } from "@/lib/cache-tags";

const Part = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,4})\.xml$/)
  .transform((s) => Number(s.slice(0, -4)));

/**
 * Part N of a split sitemap, listed by /sitemap.xml once the site passes 50,000 pages. While
 * one file holds everything there are no parts, so no URL list is served twice.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ part: string }> }) {
  const parsed = Part.safeParse((await ctx.params).part);
  const all = await loadSitemapEntries();
  const entries = parsed.success && planSitemap(all).kind === "index" ? sitemapPart(all, parsed.data) : [];
  if (entries.length === 0)
    return new Response("No such sitemap part", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(renderUrlset(entries, SITE.url), {
    // Rendered per request (its part number is a path parameter): the keys of the loaders behind it.
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      ...publicHeaders([tags.allAgreements, tags.allUpdates, tags.allFigures, tags.allSources]),
    },
  });
}
