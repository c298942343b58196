import { ImageResponse } from "next/og";
import { OG_SIZE, OgCard } from "@/components/seo/OgCard";
import { getArticle, listArticles } from "@/lib/content/articles";
import { TOPICS } from "@/lib/content/schema";
import { formatDate } from "@/lib/format/date";
import { clip } from "@/lib/seo/metadata";
import { ogFonts } from "@/lib/seo/og-fonts";

export const size = OG_SIZE;
export const contentType = "image/png";
export const alt = "The story's headline, standfirst, byline and date on a Cambodia Trade Monitor card";

export function generateStaticParams() {
  return listArticles().map((a) => ({ slug: a.slug }));
}

/**
 * The story's share card, drawn at build time from its frontmatter (the page's own loader).
 * It lives outside the (site) route group on purpose: Next appends a hash to metadata image
 * routes inside a group (/articles/x/opengraph-image-zcvdb6), and the story's JSON-LD and
 * og:image need one stable address, /articles/x/opengraph-image (set in lib/seo/metadata).
 */
export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const article = getArticle((await params).slug);
  if (!article) return new Response("Not found", { status: 404 });
  const topic = article.topics[0];
  return new ImageResponse(
    <OgCard
      kicker={topic ? TOPICS[topic] : "Story"}
      title={article.title}
      dek={clip(article.dek, 150)}
      footer={`By ${article.author} · ${formatDate(article.date)}`}
    />,
    { ...size, fonts: await ogFonts() },
  );
}
