import type { Metadata } from "next";
import Link from "next/link";
import { StoryCard } from "@/components/site/StoryCard";
import { listArticles } from "@/lib/content/articles";
import { z } from "zod";

export const metadata: Metadata = { title: "Stories", description: "Every story from Cambodia Trade Monitor, newest first.", alternates: { canonical: "/articles" } };

const PAGE_SIZE = 10;
const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const all = listArticles();
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(Page.parse((await searchParams).page), pages);
  const shown = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="font-serif text-4xl font-bold">Stories</h1>
      <p className="mt-1 text-(--color-muted)">
        {all.length} stories, newest first. Page {page} of {pages}.
      </p>
      <div className="mt-6 space-y-5">
        {shown.map((a) => (
          <StoryCard key={a.slug} article={a} />
        ))}
      </div>
      <nav aria-label="Pagination" className="mt-8 flex justify-between text-sm font-semibold">
        {page > 1 ? <Link href={`/articles?page=${page - 1}`} rel="prev" className="underline">Newer stories</Link> : <span />}
        {page < pages ? <Link href={`/articles?page=${page + 1}`} rel="next" className="underline">Older stories</Link> : <span />}
      </nav>
    </div>
  );
}
