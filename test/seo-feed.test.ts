import { describe, expect, it } from "vitest";
import { agreementItems, FEED_LIMIT, markdownToText, renderRss, storyItems, type FeedItem } from "@/lib/seo/feed";

const story = (slug: string, date: string, draft = false) => ({
  slug,
  title: `Story ${slug}`,
  dek: "A standfirst",
  date,
  topics: ["korea"],
  draft,
});

describe("feeds", () => {
  it("leave drafts out: stories marked draft and updates not published", () => {
    const items = storyItems([story("a", "2020-07-02"), story("b", "2020-07-03", true)], { korea: "Korea" });
    expect(items.map((i) => i.path)).toEqual(["/articles/a"]);
    const agreement = {
      slug: "ckfta",
      name: "Cambodia–Korea FTA",
      shortName: "CKFTA",
      rounds: [{ number: 1, startDate: "2020-07-30", endDate: "2020-07-31", format: "virtual", host: null, topics: ["Goods"] }],
      updates: [
        { id: 1, postedAt: "2020-07-02T06:00:00Z", title: "Out", body: "**Talks** open", roundNumber: null, status: "published" },
        { id: 2, postedAt: "2020-07-03T06:00:00Z", title: "Not yet", body: "Draft", roundNumber: null, status: "draft" },
      ],
    };
    const paths = agreementItems(agreement).map((i) => i.path);
    expect(paths).toEqual(["/agreements/ckfta#round-1", "/agreements/ckfta#update-1"]);
  });

  it("render RSS 2.0, newest first, at most FEED_LIMIT items, with absolute links", () => {
    const stories = Array.from({ length: FEED_LIMIT + 5 }, (_, i) => story(`s${i}`, `2020-01-${String((i % 28) + 1).padStart(2, "0")}`));
    const xml = renderRss({ title: "T", description: "D", path: "/", feedPath: "/feed.xml", items: storyItems(stories, {}) });
    expect(xml).toMatch(/<rss version="2.0"/);
    const dates = [...xml.matchAll(/<pubDate>([^<]+)<\/pubDate>/g)].map((m) => Date.parse(m[1] ?? ""));
    expect(dates).toHaveLength(FEED_LIMIT);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    for (const m of xml.matchAll(/<link>([^<]+)<\/link>/g)) expect(m[1]).toMatch(/^https?:\/\//);
  });

  it("turn editor Markdown into plain text", () => {
    expect(markdownToText("**Talks** [open](https://x.example) in _Seoul_\n\n- one\n- two")).toBe("Talks open in Seoul one two");
  });

  it("leave no markup in descriptions: HTML, images and code marks go, words stay", () => {
    const md = [
      "Round **3** <img src=x onerror=alert(1)> closed ![the venue](https://x.example/v.png)",
      "",
      "<script>alert(2)</script>",
      "",
      "Talks on `rules of origin` and [services](javascript:alert(3)) · snake_case_words stay",
      "",
      "| chapter | status |",
      "|---|---|",
      "| goods | closed |",
    ].join("\n");
    expect(markdownToText(md)).toBe(
      "Round 3 closed the venue Talks on rules of origin and services · snake_case_words stay chapter status goods closed",
    );
  });

  /** An item's title or description with every CDATA section removed: anything left escaped from one. */
  const outsideCdata = (xml: string, tag: string) =>
    [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].flatMap((item) =>
      [...item[1]!.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => m[1]!.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "")),
    );

  it("keep every ]]> inside its CDATA section, in titles and descriptions", () => {
    const item: FeedItem = {
      id: "u1",
      title: "A ]]> B ]]><script>alert(1)</script>",
      path: "/agreements/ckfta#update-1",
      description: markdownToText("first ]]> second ]]> third ]]><b>bold</b>"),
      date: "2026-11-20T08:00:00Z",
    };
    const xml = renderRss({ title: "T", description: "D", path: "/", feedPath: "/feed.xml", items: [item] });
    for (const tag of ["title", "description"]) for (const rest of outsideCdata(xml, tag)) expect(rest, `${tag} outside CDATA`).toBe("");
    // The words survive, with the sequence broken up.
    expect(xml).toContain("A ]] > B ]] >");
    expect(xml).toContain("first ]] > second ]] > third ]] >");
  });
});
