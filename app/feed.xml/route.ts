import { listArticles } from "@/lib/content/articles";
import { TOPICS } from "@/lib/content/schema";
import { renderRss, rssResponse, storyItems } from "@/lib/seo/feed";
import { SITE } from "@/lib/site";

/** RSS 2.0 of every published story, newest first. */
export function GET() {
  return rssResponse(
    renderRss({ title: SITE.name, description: SITE.tagline, path: "/", feedPath: "/feed.xml", items: storyItems(listArticles(), TOPICS) }),
  );
}
