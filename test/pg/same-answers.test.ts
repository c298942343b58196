/**
 * One data layer, two engines, the same answers: every public loader of db/queries, loaded once
 * with DATABASE_URL on the seeded SQLite file and once on the seeded PostgreSQL database (both made
 * by `db/setup.ts` from the same seed; test/pg/global-setup.ts), gives deep-equal results: the same
 * rows, in the same order, with the same JavaScript types (numbers, booleans, strings, null).
 * The e2e suite's e2e/engines.spec.ts compares the two built sites' answers over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { copySqlite, clonePostgres } from "../support/test-database";
import { inject } from "vitest";

type Queries = {
  agreements: typeof import("@/db/queries/agreements");
  explorer: typeof import("@/db/queries/explorer");
  figures: typeof import("@/db/queries/figures");
  front: typeof import("@/db/queries/front");
  live: typeof import("@/db/queries/live");
  opendata: typeof import("@/db/queries/opendata");
  partners: typeof import("@/db/queries/partners");
  search: typeof import("@/db/queries/search");
  seo: typeof import("@/db/queries/seo");
  sources: typeof import("@/db/queries/sources");
  admin: typeof import("@/db/queries/admin");
  params: typeof import("@/lib/explorer/params");
  query: typeof import("@/lib/search/query");
  client: typeof import("@/db/client");
};

const engines: Partial<Record<"sqlite" | "postgres", Queries>> = {};
const cleanup: (() => Promise<void> | void)[] = [];

/** The data layer as a fresh module graph on `url` (lib/env.ts reads DATABASE_URL once per graph). */
async function load(url: string): Promise<Queries> {
  vi.resetModules();
  process.env.DATABASE_URL = url;
  return {
    agreements: await import("@/db/queries/agreements"),
    explorer: await import("@/db/queries/explorer"),
    figures: await import("@/db/queries/figures"),
    front: await import("@/db/queries/front"),
    live: await import("@/db/queries/live"),
    opendata: await import("@/db/queries/opendata"),
    partners: await import("@/db/queries/partners"),
    search: await import("@/db/queries/search"),
    seo: await import("@/db/queries/seo"),
    sources: await import("@/db/queries/sources"),
    admin: await import("@/db/queries/admin"),
    params: await import("@/lib/explorer/params"),
    query: await import("@/lib/search/query"),
    client: await import("@/db/client"),
  };
}

beforeAll(async () => {
  const lite = copySqlite("same-answers", inject("pg").sqliteSeed);
  const pg = await clonePostgres("same_answers", inject("pg").template);
  engines.sqlite = await load(lite.url);
  const sqliteClient = engines.sqlite.client;
  engines.postgres = await load(pg.url);
  const pgClient = engines.postgres.client;
  cleanup.push(
    async () => {
      // Each module graph's client closes the dialect it made (db/client.ts keeps one per process: the last).
      await pgClient.closeDb();
      const { closeSqlite } = await import("@/db/dialect/sqlite/client");
      closeSqlite();
      void sqliteClient;
    },
    () => lite.remove(),
    () => pg.drop(),
  );
}, 60_000);

afterAll(async () => {
  for (const step of cleanup) await step();
});

/** Runs `read` against both engines and expects equal, non-empty answers. */
async function same<T>(label: string, read: (q: Queries) => Promise<T>): Promise<T> {
  const a = await read(engines.sqlite!);
  const b = await read(engines.postgres!);
  expect(b, label).toEqual(a);
  expect(a, label).not.toEqual([]);
  expect(a, label).not.toBeNull();
  return a;
}

describe("every public loader answers alike on SQLite and PostgreSQL", () => {
  it("figures: cells, series, the figure page, reported values, sources", async () => {
    const cell = await same("getCell", (q) => q.figures.getCell("KOR", "total", { start: "2018-01", end: "2018-12" }));
    expect(cell.length).toBe(4);
    expect(typeof cell[0]!.value).toBe("number");
    expect(typeof cell[0]!.preferred).toBe("boolean");
    await same("getAnnualSeries", (q) => q.figures.getAnnualSeries("JPN", "imports", 1990, 2020));
    await same("getFigure", (q) => q.figures.getFigure(cell[0]!.id));
    expect(await engines.postgres!.figures.getFigure(2_147_483_648)).toBeNull();
    await same("reportedFigures", (q) => q.figures.reportedFigures("KOR"));
    await same("reportedTradeFigures", (q) => q.figures.reportedTradeFigures("JPN"));
    await same("tradeFiguresBetween", (q) => q.figures.tradeFiguresBetween("KOR", "2021-01", "2023-12"));
    await same("getFiguresBySource", (q) => q.figures.getFiguresBySource("yonhap-2020-10-05"));
    await same("countFiguresBySource", (q) => q.figures.countFiguresBySource("imf-dots"));
    await same("latestAnnualYear", (q) => q.figures.latestAnnualYear("KOR"));
    await same("mainSeriesLastYear", (q) => q.figures.mainSeriesLastYear());
    await same("reportedFigureIds", (q) => q.figures.reportedFigureIds());
    await same("keyFigures", (q) => q.front.keyFigures());
  });

  it("agreements: the tracker, lists, WTO records, tariff shares, milestones by source", async () => {
    for (const slug of ["ckfta", "rcep", "asean-korea", "ccfta"])
      await same(`getAgreement ${slug}`, (q) => q.agreements.getAgreement(slug));
    await same("listAgreements", (q) => q.agreements.listAgreements());
    await same("agreementsForPartner", (q) => q.agreements.agreementsForPartner("KOR"));
    await same("latestUpdates", (q) => q.agreements.latestUpdates(10));
    await same("wtoRecordsFor", (q) => q.agreements.wtoRecordsFor("ckfta"));
    await same("allWtoRecords", (q) => q.agreements.allWtoRecords());
    await same("tariffSharesFor", (q) => q.agreements.tariffSharesFor("ckfta"));
    await same("eventsBySource", (q) => q.agreements.eventsBySource("wto-rtais"));
    await same("listAgreementSlugs", (q) => q.agreements.listAgreementSlugs());
    await same("liveStamp", (q) => q.live.liveStamp("ckfta"));
  });

  it("the explorer and the open-data API", async () => {
    const query = (q: Queries) => {
      const selection = q.params.selectionOf({ partner: ["KOR", "JPN", "CHN"], flow: "total", from: 1990, to: 2020, side: "both" });
      if (!selection.ok) throw new Error("explorer selection refused");
      return selection.query;
    };
    await same("explorerOptions", (q) => q.explorer.explorerOptions());
    await same("loadExplorer", async (q) => q.explorer.loadExplorer(query(q)));
    await same("agreementsForApi", (q) => q.opendata.agreementsForApi());
    await same("roundsForApi", (q) => q.opendata.roundsForApi("ckfta"));
  });

  it("partners, sources, sitemaps", async () => {
    await same("listPartners", (q) => q.partners.listPartners());
    await same("getPartner", (q) => q.partners.getPartner("KOR"));
    await same("partnerNames", async (q) => [...(await q.partners.partnerNames())]);
    await same("listSources", (q) => q.sources.listSources());
    await same("getSource", (q) => q.sources.getSource("imf-dots"));
    await same("lastChanges", async (q) => {
      const c = await q.seo.lastChanges();
      return {
        ...c,
        agreementChanges: [...c.agreementChanges],
        partnerChanges: [...c.partnerChanges],
        sourceChanges: [...c.sourceChanges],
      };
    });
    await same("partnerCoverage", (q) => q.seo.partnerCoverage("KOR"));
  });

  it("search: the same documents found the same way (words, fragments, corrections, any word), pages, suggestions", async () => {
    // Each engine ranks (bm25; ts_rank) and cuts snippets (FTS5's snippet(); a window around the first
    // match) its own way, so what must agree is what was found and how: the mode, the corrections,
    // the counts, and the documents over all pages; and every hit shows its match highlighted.
    const found = async (q: Queries, text: string) => {
      const first = await q.search.search(q.query.parseQuery(text));
      const urls: string[] = [];
      for (let p = 1; p <= first.pageCount; p++) {
        const page = await q.search.search(q.query.parseQuery(text), p);
        expect(
          page.hits.every((h) => [...h.title, ...h.snippet].some((s) => s.hit)),
          `${q.client.dialect().engine}: ${text} page ${p}`,
        ).toBe(true);
        urls.push(...page.hits.map((h) => h.url));
      }
      const { mode, corrections, total, counts, pageCount } = first;
      return { mode, corrections, total, counts, pageCount, urls: urls.sort() };
    };
    for (const text of [
      "korea",
      "fourth round",
      "negot",
      "ambodi",
      "koera",
      "cambodai",
      "japan qwertyuiopzz",
      "the",
      "garments exports",
      "rcep",
    ]) {
      await same(`search ${text}`, (q) => found(q, text));
    }
    await same("searchSuggestions", (q) => q.search.searchSuggestions());
  });

  it("the editors' desk lists", async () => {
    await same("listRoundsAdmin", (q) => q.admin.listRoundsAdmin());
    await same("listUpdatesAdmin", (q) => q.admin.listUpdatesAdmin());
    await same("listFiguresAdmin", (q) => q.admin.listFiguresAdmin({ q: "KOR", page: 2, perPage: 50 }));
    await same("sourceOptions", (q) => q.admin.sourceOptions());
    await same("partnerCodes", (q) => q.admin.partnerCodes());
    expect(await engines.postgres!.admin.deskRecordExists("/admin/figures/[id]", "/admin/figures/99999999999")).toBe(false);
  });
});
