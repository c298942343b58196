import { describe, expect, it } from "vitest";
import { parseFiguresRequest } from "@/lib/explorer/figuresApi";
import { pageDefaults, parsePageParams } from "@/lib/explorer/page-params";
import { explorerSearch, MAX_PARTNERS, parseExplorerParams, toUrlSearchParams, type ExplorerContext } from "@/lib/explorer/params";

const ctx: ExplorerContext = {
  partnerCodes: new Set(["KOR", "JPN", "CHN", "THA", "VNM", "USA", "WLD", "LAO"]),
  minYear: 1960,
  maxYear: 2023,
};
const partners = [...ctx.partnerCodes].map((code) => ({ code, name: code, region: "x" }));
const api = (qs: string) => parseFiguresRequest(new URLSearchParams(qs), ctx);
const issuesOf = (qs: string) => {
  const r = api(qs);
  if (r.ok) throw new Error(`expected ${qs} to fail`);
  return r.issues;
};
const params = (qs: string) => issuesOf(qs).map((i) => i.parameter);

describe("explorer parameters (API)", () => {
  it("parses a full selection and applies defaults for the rest", () => {
    expect(api("partner=KOR&flow=exports&from=2010&to=2015&side=partner&format=csv")).toEqual({
      ok: true,
      query: { partners: ["KOR"], flow: "exports", from: 2010, to: 2015, side: "partner" },
      format: "csv",
    });
    expect(api("partner=KOR")).toEqual({
      ok: true,
      query: { partners: ["KOR"], flow: "total", from: 1960, to: 2023, side: "both" },
      format: "json",
    });
  });

  it("takes several partners as a list or repeated, in any case, without duplicates", () => {
    const a = api("partner=kor,JPN&partner=Kor&partner=THA");
    expect(a.ok && a.query.partners).toEqual(["KOR", "JPN", "THA"]);
  });

  it("names every bad parameter", () => {
    expect(params("flow=total")).toEqual(["partner"]);
    expect(params("partner=XYZ")).toEqual(["partner"]);
    expect(issuesOf("partner=XYZ")[0]?.message).toContain('"XYZ"');
    expect(params("partner=KOR&flow=rank")).toEqual(["flow"]);
    expect(params("partner=KOR&from=2015&to=2010")).toEqual(["from"]);
    expect(params("partner=KOR&from=abc")).toEqual(["from"]);
    expect(params("partner=KOR&to=20.5")).toEqual(["to"]);
    expect(params("partner=KOR&from=1900")).toEqual(["from"]);
    expect(params("partner=KOR&to=2999")).toEqual(["to"]);
    expect(params("partner=KOR&side=mine")).toEqual(["side"]);
    expect(params("partner=KOR&format=xml")).toEqual(["format"]);
    expect(params("partner=KOR&format=")).toEqual(["format"]);
    expect(params("partner=KOR&colour=red")).toEqual(["colour"]);
    expect(params("partner=")).toEqual(["partner"]);
    expect(params("partner=KOR,,JPN")).toEqual(["partner"]);
  });

  it("refuses a single-valued parameter given twice rather than picking one", () => {
    expect(params("partner=KOR&flow=total&flow=exports")).toEqual(["flow"]);
    expect(params("partner=KOR&format=csv&format=json")).toEqual(["format"]);
  });

  it("limits the number of partners", () => {
    const many = [...ctx.partnerCodes].slice(0, MAX_PARTNERS + 1).join(",");
    expect(params(`partner=${many}`)).toEqual(["partner"]);
    expect(api(`partner=${[...ctx.partnerCodes].slice(0, MAX_PARTNERS).join(",")}`).ok).toBe(true);
  });

  it("reports several problems at once, unknown names included", () => {
    expect(params("partner=XYZ&flow=bad&from=x&to=1999&side=nah&format=xml&foo=1").sort()).toEqual(
      ["flow", "foo", "format", "from", "partner", "side"].sort(),
    );
  });

  it("never echoes a long input back in full", () => {
    const long = "A".repeat(500);
    const message = issuesOf(`partner=${long}`)[0]?.message ?? "";
    expect(message.length).toBeLessThan(200);
  });
});

describe("explorer parameters (pages)", () => {
  const opts = { partners, ctx, latestMainYear: 2020 };

  it("opens on defaults with no parameters", () => {
    const r = parsePageParams(new URLSearchParams(), opts);
    expect(r.ok && r.query).toEqual(pageDefaults(opts));
    expect(r.ok && r.query).toEqual({ partners: ["KOR"], flow: "total", from: 2000, to: 2020, side: "both" });
  });

  it("lists unknown names as ignored instead of refusing a shared link", () => {
    const r = parsePageParams(new URLSearchParams("partner=JPN&utm_source=x&fbclid=y"), opts);
    expect(r.ok).toBe(true);
    expect(r.unknown).toEqual(["utm_source", "fbclid"]);
  });

  it("still refuses bad values", () => {
    const r = parsePageParams(new URLSearchParams("partner=JPN&side=nobody"), opts);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.parameter)).toEqual(["side"]);
  });

  it("reads Next.js search params objects, repeated names included", () => {
    const sp = toUrlSearchParams({ partner: ["KOR", "JPN"], flow: "imports", from: undefined });
    const r = parseExplorerParams(sp, ctx, { defaults: { from: 2000, to: 2001, side: "cambodia" }, unknownNames: "reject" });
    expect(r.ok && r.query).toEqual({ partners: ["KOR", "JPN"], flow: "imports", from: 2000, to: 2001, side: "cambodia" });
  });
});

describe("explorerSearch", () => {
  it("writes the canonical link, which parses back to the same selection", () => {
    const q = { partners: ["KOR", "JPN"], flow: "balance" as const, from: 1995, to: 2020, side: "partner" as const };
    const s = explorerSearch(q);
    expect(s).toBe("partner=KOR,JPN&flow=balance&from=1995&to=2020&side=partner");
    const back = parseExplorerParams(new URLSearchParams(s), ctx, { defaults: {}, unknownNames: "reject" });
    expect(back.ok && back.query).toEqual(q);
  });
});
