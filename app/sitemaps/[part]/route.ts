import { z } from "zod";
import { loadSitemapEntries } from "@/lib/seo/load";
import { planSitemap, renderUrlset, sitemapPart } from "@/lib/seo/sitemap";
import { SITE } from "@/lib/site";

export const revalidate = 60;

const Part = z.string().regex(/^(0|[1-9][0-9]{0,4})\.xml$/).transform((s) => Number(s.slice(0, -4)));

/**
 * Part N of a split sitemap, listed by /sitemap.xml once the site passes 50,000 pages. While
 * one file holds everything there are no parts, so no URL list is served twice.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ part: string }> }) {
  const parsed = Part.safeParse((await ctx.params).part);
  const all = loadSitemapEntries();
  const entries = parsed.success && planSitemap(all).kind === "index" ? sitemapPart(all, parsed.data) : [];
  if (entries.length === 0) return new Response("No such sitemap part", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(renderUrlset(entries, SITE.url), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
