import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { FrontmatterSchema, TOPICS } from "@/lib/content/schema";
import { SOURCES } from "@/db/seed-data/newsroom";

function valid(): Record<string, unknown> {
  return {
    title: "Korea and Cambodia open FTA talks",
    dek: "The two governments agree to negotiate a bilateral free trade agreement.",
    date: "2020-07-02",
    updated: "2020-07-03",
    author: "Cambodia Trade Monitor staff",
    topics: ["negotiations", "korea"],
    agreement: "ckfta",
    partners: ["KOR"],
    sources: [{ publisher: "Yonhap News Agency", title: "[Korea and Cambodia agree to launch FTA negotiations]", date: "2020-07-02" }],
  };
}

/** The paths of the issues for `input`, or [] when it parses. */
function issuePaths(input: unknown): string[] {
  const r = FrontmatterSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
}

describe("FrontmatterSchema", () => {
  it("accepts a valid story and defaults draft to false", () => {
    const r = FrontmatterSchema.safeParse(valid());
    expect(r.success).toBe(true);
    expect(r.data?.draft).toBe(false);
    expect(r.data?.topics).toEqual(["negotiations", "korea"]);
  });

  it("accepts a story not tied to an agreement, an explicit draft, and updated equal to date", () => {
    const r = FrontmatterSchema.safeParse({ ...valid(), agreement: null, draft: true, updated: "2020-07-02" });
    expect(r.success).toBe(true);
    expect(r.data?.draft).toBe(true);
  });

  it("accepts every declared topic", () => {
    expect(FrontmatterSchema.safeParse({ ...valid(), topics: Object.keys(TOPICS) }).success).toBe(true);
  });

  it("rejects unknown keys", () => {
    const r = FrontmatterSchema.safeParse({ ...valid(), slug: "korea-talks" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
  });

  it("rejects impossible or malformed dates", () => {
    expect(issuePaths({ ...valid(), date: "2025-02-30", updated: "2025-03-01" })).toContain("date");
    expect(issuePaths({ ...valid(), date: "2025-02-29", updated: "2025-03-01" })).toContain("date");
    expect(issuePaths({ ...valid(), updated: "2020-7-3" })).toContain("updated");
    expect(issuePaths({ ...valid(), date: "2020-07-02T10:00:00Z" })).toContain("date");
    expect(issuePaths({ ...valid(), sources: [{ publisher: "Yonhap", title: "A title", date: "2020-13-01" }] })).toContain(
      "sources.0.date",
    );
  });

  it("accepts 29 February in a leap year", () => {
    expect(issuePaths({ ...valid(), date: "2024-02-29", updated: "2024-02-29" })).toEqual([]);
  });

  it("rejects a Date object where a string is expected (unquoted YAML dates)", () => {
    expect(issuePaths({ ...valid(), date: new Date("2020-07-02") })).toContain("date");
  });

  it("rejects updated before date, on the updated field", () => {
    expect(issuePaths({ ...valid(), date: "2020-07-02", updated: "2020-07-01" })).toEqual(["updated"]);
  });

  it("rejects unknown topics and an empty topic list", () => {
    expect(issuePaths({ ...valid(), topics: ["korea", "sports"] })).toEqual(["topics.1"]);
    expect(issuePaths({ ...valid(), topics: [] })).toEqual(["topics"]);
  });

  it("rejects partner codes that are not upper-case alpha-3", () => {
    expect(issuePaths({ ...valid(), partners: ["kor"] })).toEqual(["partners.0"]);
    expect(issuePaths({ ...valid(), partners: ["KOR", "KR"] })).toEqual(["partners.1"]);
  });

  it("rejects an agreement slug with capitals and a story without sources", () => {
    expect(issuePaths({ ...valid(), agreement: "CKFTA" })).toEqual(["agreement"]);
    expect(issuePaths({ ...valid(), sources: [] })).toEqual(["sources"]);
  });

  it("accepts only the newsroom's bylines, never a named person it does not employ", () => {
    expect(issuePaths({ ...valid(), author: "Cambodia Trade Monitor data desk" })).toEqual([]);
    expect(issuePaths({ ...valid(), author: "Sokha Lim, trade correspondent" })).toEqual(["author"]);
  });

  it("keeps a story's history: each change after publication, in order, the last one on the updated date", () => {
    const change = (date: string) => ({ date, note: "Added what happened after the talks." });
    expect(issuePaths({ ...valid(), updated: "2026-12-01", changes: [change("2021-02-03"), change("2026-12-01")] })).toEqual([]);
    expect(FrontmatterSchema.parse(valid()).changes).toEqual([]);
    expect(issuePaths({ ...valid(), updated: "2026-12-02", changes: [change("2026-12-01")] })).toEqual(["updated"]);
    expect(issuePaths({ ...valid(), updated: "2020-07-02", changes: [change("2020-07-02")] })).toEqual(["changes"]);
    expect(issuePaths({ ...valid(), updated: "2026-12-01", changes: [change("2026-12-01"), change("2021-02-03")] })).toContain("changes");
    expect(issuePaths({ ...valid(), updated: "2026-12-01", changes: [{ date: "2026-12-01", note: "short" }] })).toEqual(["changes.0.note"]);
  });

  it("rejects a missing title and text outside the length limits", () => {
    const { title: _title, ...noTitle } = valid();
    expect(issuePaths(noTitle)).toEqual(["title"]);
    expect(issuePaths({ ...valid(), title: "Too short" })).toEqual(["title"]);
    expect(issuePaths({ ...valid(), dek: "x".repeat(221) })).toEqual(["dek"]);
  });
});

describe("stories in content/articles", () => {
  const dir = join(import.meta.dirname, "..", "content", "articles");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".mdx"))
    .sort();
  const stories = files.map((file) => ({ file, ...matter(readFileSync(join(dir, file), "utf8")) }));
  const WIDGET = /<(Figure|TradeChart|RoundsTimeline|RoundDates|Change|Share|Milestone|AgreementStatus|TariffShare|BeforeAfter|WtoField)\b/;

  it("has at least six stories", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)("%s has valid frontmatter", (file) => {
    const story = stories.find((s) => s.file === file)!;
    const r = FrontmatterSchema.safeParse(story.data);
    expect(r.success, r.success ? "" : JSON.stringify(r.error.issues)).toBe(true);
  });

  it.each(files)("%s uses at least one data widget", (file) => {
    const story = stories.find((s) => s.file === file)!;
    expect(story.content).toMatch(WIDGET);
  });

  it("cites only sources the database knows, by id in widgets and by publisher/title/date in frontmatter", () => {
    const ids = new Set<string>(SOURCES.map((s) => s.id));
    const known = new Set<string>(SOURCES.map((s) => `${s.publisher}|${s.title}|${s.publishedOn}`));
    for (const s of stories) {
      for (const m of s.content.matchAll(/\bsource="([^"]+)"/g)) expect(ids, `${s.file}: ${m[1]}`).toContain(m[1]);
      for (const src of (s.data.sources ?? []) as { publisher: string; title: string; date: string }[]) {
        expect(known, s.file).toContain(`${src.publisher}|${src.title}|${src.date}`);
      }
    }
  });

  it("gives every story a distinct title", () => {
    const titles = stories.map((s) => s.data.title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
