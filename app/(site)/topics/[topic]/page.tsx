import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JsonLd } from "@/components/seo/JsonLd";
import { StoryCard } from "@/components/site/StoryCard";
import { articlesForTopic } from "@/lib/content/articles";
import { TOPICS, type Topic } from "@/lib/content/schema";
import { breadcrumbJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";

export function generateStaticParams() {
  return Object.keys(TOPICS).map((topic) => ({ topic }));
}

const isTopic = (t: string): t is Topic => Object.hasOwn(TOPICS, t);

type Props = { params: Promise<{ topic: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { topic } = await params;
  if (!isTopic(topic)) return {};
  const count = articlesForTopic(topic).length;
  return pageMetadata({
    title: `${TOPICS[topic]}: stories`,
    description: `${count} ${count === 1 ? "story" : "stories"} on ${TOPICS[topic]} from Cambodia Trade Monitor's coverage of the country's trade agreements and figures, newest first.`,
    path: `/topics/${topic}`,
    feeds: [{ url: `/topics/${topic}/feed.xml`, title: `${TOPICS[topic]} stories` }],
  });
}

export default async function TopicPage({ params }: Props) {
  const { topic } = await params;
  if (!isTopic(topic)) notFound();
  const articles = articlesForTopic(topic);
  return (
    <div className="mx-auto max-w-3xl">
      <JsonLd
        data={breadcrumbJsonLd([
          { name: "Stories", path: "/articles" },
          { name: TOPICS[topic], path: `/topics/${topic}` },
        ])}
      />
      <p className="text-xs font-bold tracking-wide text-(--color-muted) uppercase">Topic</p>
      <h1 className="font-serif text-4xl font-bold">{TOPICS[topic]}</h1>
      <div className="mt-6 space-y-5">
        {articles.length ? articles.map((a) => <StoryCard key={a.slug} article={a} />) : <p>No stories on this topic yet.</p>}
      </div>
    </div>
  );
}
