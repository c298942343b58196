import { getAgreement, listAgreementSlugs } from "@/db/queries/agreements";
import { articlesForAgreement } from "@/lib/content/articles";
import { TOPICS } from "@/lib/content/schema";
import { agreementItems, renderRss, rssResponse, storyItems } from "@/lib/seo/feed";
import { SITE } from "@/lib/site";

export async function generateStaticParams() {
  return (await listAgreementSlugs()).map((slug) => ({ slug }));
}

/** One agreement's stories, rounds and published updates: follow just the CKFTA. */
export async function GET(_req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const a = await getAgreement((await ctx.params).slug);
  if (!a) return new Response("No such agreement", { status: 404 });
  const items = [...storyItems(articlesForAgreement(a.slug), TOPICS), ...agreementItems(a)];
  return rssResponse(
    renderRss({
      title: `${a.shortName} tracker · ${SITE.name}`,
      description: `Stories, negotiating rounds and updates on the ${a.name}.`,
      path: `/agreements/${a.slug}`,
      feedPath: `/agreements/${a.slug}/feed.xml`,
      items,
    }),
  );
}
