import { Feed } from "feed";
import { markdownToPlainText } from "@/lib/content/plain-text";
import { feedCsp } from "@/lib/security-headers.mjs";
import { formatDateRange } from "@/lib/format/date";
import { SITE } from "@/lib/site";
import { absoluteUrl } from "./jsonld";
import { PUBLIC_CACHE_CONTROL, SURROGATE_CONTROL } from "@/lib/http-cache.mjs";

/** One entry of an RSS feed, as plain data. */
export type FeedItem = {
  /** Stable and unique within the feed; becomes the guid. */
  id: string;
  title: string;
  path: string;
  description: string;
  /** ISO date or date-time. */
  date: string;
  categories?: string[];
};

export const FEED_LIMIT = 50;

type FeedSpec = { title: string; description: string; path: string; feedPath: string; items: FeedItem[] };

const asDate = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

/** RSS 2.0, newest item first, at most FEED_LIMIT items. */
export function renderRss(spec: FeedSpec): string {
  const items = [...spec.items]
    .sort((a, b) => asDate(b.date).getTime() - asDate(a.date).getTime() || a.id.localeCompare(b.id))
    .slice(0, FEED_LIMIT);
  const feed = new Feed({
    title: spec.title,
    description: spec.description,
    id: absoluteUrl(spec.path),
    link: absoluteUrl(spec.path),
    language: "en",
    copyright: SITE.name,
    updated: items[0] ? asDate(items[0].date) : undefined,
    feedLinks: { rss: absoluteUrl(spec.feedPath) },
    generator: false,
  });
  for (const item of items) {
    feed.addItem({
      title: feedText(item.title),
      id: item.id,
      guid: item.id,
      link: absoluteUrl(item.path),
      description: feedText(item.description),
      date: asDate(item.date),
      // RSS 2.0 wants an email address in <author>; we publish none, so bylines stay on the page.
      ...(item.categories?.length ? { category: item.categories.map((name) => ({ name })) } : {}),
    });
  }
  return feed.rss2();
}

/** A feed opened in a browser runs nothing (next.config.mjs sends the same policy for every feed path). */
export function rssResponse(xml: string): Response {
  // Feeds are prerendered route answers: their surrogate keys come from the cache entry's tags.
  return new Response(xml, {
    headers: {
      "Content-Type": "application/rss+xml; charset=utf-8",
      "Cache-Control": PUBLIC_CACHE_CONTROL,
      "Surrogate-Control": SURROGATE_CONTROL,
      "Content-Security-Policy": feedCsp,
      "X-Content-Type-Options": "nosniff",
    },
  });
}

type StoryLike = { slug: string; title: string; dek: string; date: string; topics: readonly string[]; draft?: boolean };

/** Published stories as feed items; a draft never reaches a feed even if a caller passes one. */
export function storyItems(stories: readonly StoryLike[], topicNames: Record<string, string>): FeedItem[] {
  return stories
    .filter((s) => !s.draft)
    .map((s) => ({
      id: absoluteUrl(`/articles/${s.slug}`),
      title: s.title,
      path: `/articles/${s.slug}`,
      description: s.dek,
      date: s.date,
      categories: s.topics.map((t) => topicNames[t] ?? t),
    }));
}

type AgreementLike = {
  slug: string;
  name: string;
  shortName: string;
  rounds: readonly { number: number; startDate: string; endDate: string; format: string; host: string | null; topics: readonly string[] }[];
  updates: readonly { id: number; postedAt: string; title: string; body: string; roundNumber: number | null; status?: string }[];
};

const FORMAT: Record<string, string> = { virtual: "held online", in_person: "held in person", hybrid: "held partly online" };

/** An agreement's rounds and published updates as feed items (its stories come from storyItems). */
export function agreementItems(a: AgreementLike): FeedItem[] {
  const page = `/agreements/${a.slug}`;
  const rounds = a.rounds.map((r) => ({
    id: absoluteUrl(`${page}#round-${r.number}`),
    title: `${a.shortName}: round ${r.number}`,
    path: `${page}#round-${r.number}`,
    description: [
      `Round ${r.number} of the ${a.name} talks, ${formatDateRange(r.startDate, r.endDate)}, ${FORMAT[r.format] ?? r.format}${r.host ? ` (${r.host})` : ""}.`,
      r.topics.length ? `Topics: ${r.topics.join("; ")}.` : "",
    ]
      .filter(Boolean)
      .join(" "),
    date: r.startDate,
    categories: [a.shortName],
  }));
  const updates = a.updates
    .filter((u) => (u.status ?? "published") === "published")
    .map((u) => ({
      id: absoluteUrl(`${page}#update-${u.id}`),
      title: `${a.shortName}: ${u.title}`,
      path: `${page}#update-${u.id}`,
      description: markdownToText(u.body),
      date: u.postedAt,
      categories: [a.shortName],
    }));
  return [...rounds, ...updates];
}

/** Editor Markdown as one line of plain text for a feed description: links keep their text, markup goes. */
export function markdownToText(md: string): string {
  return markdownToPlainText(md).replace(/\s+/g, " ").trim();
}

/**
 * Text as it may stand inside the feed's CDATA sections. The feed library escapes only the first
 * `]]>` of a field (xml-js), so a second one would end the section and let the rest be read as
 * markup; every `]]>` is broken up here, and characters XML 1.0 forbids are dropped.
 */
export function feedText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replaceAll("]]>", "]] >");
}
