import { Feed } from "feed";
import { listArticles } from "@/lib/content/articles";
import { SITE } from "@/lib/site";

export const revalidate = 60;

/** RSS 2.0 of every published story, newest first. */
export function GET() {
  const articles = listArticles();
  const feed = new Feed({
    title: SITE.name,
    description: SITE.tagline,
    id: `${SITE.url}/`,
    link: `${SITE.url}/`,
    language: "en",
    copyright: `${SITE.name}`,
    updated: articles[0] ? new Date(`${articles[0].updated}T00:00:00Z`) : undefined,
    feedLinks: { rss: `${SITE.url}/feed.xml` },
  });
  for (const a of articles) {
    feed.addItem({
      title: a.title,
      id: `${SITE.url}/articles/${a.slug}`,
      link: `${SITE.url}/articles/${a.slug}`,
      description: a.dek,
      date: new Date(`${a.date}T00:00:00Z`),
      author: [{ name: a.author }],
      category: a.topics.map((t) => ({ name: t })),
    });
  }
  return new Response(feed.rss2(), {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
