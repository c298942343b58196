import { articlesForTopic } from "@/lib/content/articles";
import { TOPICS, type Topic } from "@/lib/content/schema";
import { renderRss, rssResponse, storyItems } from "@/lib/seo/feed";
import { SITE } from "@/lib/site";

export function generateStaticParams() {
  return Object.keys(TOPICS).map((topic) => ({ topic }));
}

const isTopic = (t: string): t is Topic => Object.hasOwn(TOPICS, t);

/** Stories on one topic, newest first. */
export async function GET(_req: Request, ctx: { params: Promise<{ topic: string }> }) {
  const { topic } = await ctx.params;
  if (!isTopic(topic)) return new Response("No such topic", { status: 404 });
  return rssResponse(
    renderRss({
      title: `${TOPICS[topic]} · ${SITE.name}`,
      description: `Stories on ${TOPICS[topic]} from ${SITE.name}.`,
      path: `/topics/${topic}`,
      feedPath: `/topics/${topic}/feed.xml`,
      items: storyItems(articlesForTopic(topic), TOPICS),
    }),
  );
}
