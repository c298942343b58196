import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StoryCard } from "@/components/site/StoryCard";
import { articlesForTopic } from "@/lib/content/articles";
import { TOPICS, type Topic } from "@/lib/content/schema";

export const dynamicParams = false;

export function generateStaticParams() {
  return Object.keys(TOPICS).map((topic) => ({ topic }));
}

const isTopic = (t: string): t is Topic => Object.hasOwn(TOPICS, t);

type Props = { params: Promise<{ topic: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { topic } = await params;
  if (!isTopic(topic)) return {};
  return { title: TOPICS[topic], description: `Stories on ${TOPICS[topic]} from Cambodia Trade Monitor.`, alternates: { canonical: `/topics/${topic}` } };
}

export default async function TopicPage({ params }: Props) {
  const { topic } = await params;
  if (!isTopic(topic)) notFound();
  const articles = articlesForTopic(topic);
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-xs font-bold uppercase tracking-wide text-(--color-muted)">Topic</p>
      <h1 className="font-serif text-4xl font-bold">{TOPICS[topic]}</h1>
      <div className="mt-6 space-y-5">
        {articles.length ? articles.map((a) => <StoryCard key={a.slug} article={a} />) : <p>No stories on this topic yet.</p>}
      </div>
    </div>
  );
}
