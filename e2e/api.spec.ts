import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { testDb } from "./db";
import { expectedRows } from "./explorerDb";

type ErrorBody = { error: { status: number; code: string; parameter: string; message: string; issues: { parameter: string; message: string }[] } };

const CDN_CACHE = /public.*s-maxage=\d+.*stale-while-revalidate=\d+/;

test.describe("open data API over HTTP", () => {
  test("figures as JSON match the database, with source, unit and flags on every row", async ({ request }) => {
    const res = await request.get("/api/v1/figures?partner=KOR,JPN&flow=balance&from=1995&to=2023&side=both");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/json");
    expect(res.headers()["cache-control"]).toMatch(CDN_CACHE);
    const body = (await res.json()) as { count: number; data: Record<string, unknown>[]; sources: { id: string }[] };
    const db = testDb();
    const rows = expectedRows(db, { partners: ["KOR", "JPN"], flow: "balance", from: 1995, to: 2023, sides: ["cambodia", "partner"] });
    db.close();
    expect(rows.length).toBeGreaterThan(40);
    expect(body.count).toBe(rows.length);
    expect(body.data.map((d) => d.figure_id)).toEqual(rows.map((r) => r.id));
    for (const [i, r] of rows.entries()) {
      expect(body.data[i]).toMatchObject({
        partner: r.partner,
        side: r.side,
        year: r.year,
        flow: "balance",
        value: r.value,
        reported_value: r.reported_value,
        unit: "USD",
        source_id: r.source_id,
        preferred: r.preferred === 1,
        estimate: r.estimate === 1,
        derived: r.derived === 1,
      });
      expect(body.data[i]?.source_url).toMatch(new RegExp(`/sources/${r.source_id}$`));
      expect(body.data[i]?.figure_url).toMatch(new RegExp(`/figures/${r.id}$`));
    }
    // A partner's surplus is Cambodia's deficit: partner-side balances are restated.
    const partnerSide = rows.find((r) => r.side === "partner" && r.reported_value !== 0);
    expect(partnerSide?.value).toBe(-(partnerSide?.reported_value ?? 0));
    expect(body.sources.map((s) => s.id)).toContain("imf-dots");
  });

  test("figures as CSV match the database and come as a named text/csv file", async ({ request }) => {
    const res = await request.get("/api/v1/figures?partner=THA&flow=exports&from=2005&to=2020&side=partner&format=csv");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers()["content-disposition"]).toBe('attachment; filename="cambodia-trade-tha-exports-2005-2020-partner.csv"');
    expect(res.headers()["cache-control"]).toMatch(CDN_CACHE);
    const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const db = testDb();
    const rows = expectedRows(db, { partners: ["THA"], flow: "exports", from: 2005, to: 2020, sides: ["partner"] });
    db.close();
    expect(rows.length).toBeGreaterThan(10);
    expect(records.map((r) => [Number(r.figure_id), Number(r.value), r.side, r.reporter])).toEqual(rows.map((r) => [r.id, r.value, "partner", "THA"]));
    // Thailand's imports from Cambodia, valued CIF, are Cambodia's exports in Thailand's records.
    expect(new Set(records.map((r) => `${r.reported_flow} ${r.valuation}`))).toEqual(new Set(["imports CIF"]));
  });

  test("every bad parameter is a 400 that names it", async ({ request }) => {
    const cases: [string, string][] = [
      ["partner=XYZ", "partner"],
      ["partner=KOR&flow=rank", "flow"],
      ["partner=KOR&from=2015&to=2010", "from"],
      ["partner=KOR&from=twenty", "from"],
      ["partner=KOR&to=2020.5", "to"],
      ["partner=KOR&colour=red", "colour"],
      ["partner=KOR&format=xml", "format"],
      ["partner=KOR&side=mine", "side"],
      ["partner=KOR&flow=total&flow=exports", "flow"],
      ["flow=total", "partner"],
    ];
    for (const [qs, parameter] of cases) {
      const res = await request.get(`/api/v1/figures?${qs}`);
      expect(res.status(), qs).toBe(400);
      expect(res.headers()["content-type"], qs).toContain("application/json");
      expect(res.headers()["cache-control"], qs).toBe("no-store");
      const body = (await res.json()) as ErrorBody;
      expect(body.error.parameter, qs).toBe(parameter);
      expect(body.error.message, qs).toContain(parameter);
      expect(body.error.issues.map((i) => i.parameter), qs).toEqual([parameter]);
    }
    for (const path of ["/api/v1/agreements?page=2", "/api/v1/agreements/ckfta/rounds?limit=1", "/api/v1/partners?q=k", "/data/chart.svg?partner=KOR&size=big"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(400);
      expect(((await res.json()) as ErrorBody).error.parameter, path).toMatch(/^(page|limit|q|size)$/);
    }
  });

  test("the CKFTA rounds come in order with dates, format, topics and sources, as stored", async ({ request }) => {
    const res = await request.get("/api/v1/agreements/ckfta/rounds");
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toMatch(CDN_CACHE);
    const body = (await res.json()) as {
      data: { number: number; start_date: string; end_date: string; format: string; topics: string[]; sources: { id: string; preferred: boolean; page: string }[] }[];
    };
    const db = testDb();
    const rounds = db
      .prepare(
        `SELECT r.id, r.number, r.start_date, r.end_date, r.format, r.topics FROM rounds r JOIN agreements a ON a.id = r.agreement_id
         WHERE a.slug = 'ckfta' ORDER BY r.number`,
      )
      .all() as { id: number; number: number; start_date: string; end_date: string; format: string; topics: string }[];
    const sources = db.prepare(`SELECT round_id, source_id, preferred FROM round_sources`).all() as { round_id: number; source_id: string; preferred: number }[];
    db.close();
    expect(body.data.map((r) => r.number)).toEqual([1, 2, 3, 4]);
    expect(body.data.map((r) => r.number)).toEqual(rounds.map((r) => r.number));
    for (const [i, r] of rounds.entries()) {
      const got = body.data[i];
      expect(got).toMatchObject({ number: r.number, start_date: r.start_date, end_date: r.end_date, format: r.format, topics: JSON.parse(r.topics) });
      const mine = sources.filter((s) => s.round_id === r.id);
      expect(got?.sources.map((s) => s.id).sort()).toEqual(mine.map((s) => s.source_id).sort());
      expect(got?.sources.filter((s) => s.preferred).map((s) => s.id)).toEqual(mine.filter((s) => s.preferred).map((s) => s.source_id));
      for (const s of got?.sources ?? []) expect(s.page).toMatch(new RegExp(`/sources/${s.id}$`));
    }
  });

  test("an unknown agreement is a JSON 404", async ({ request }) => {
    for (const slug of ["nope", "CKFTA", "..%2Fckfta", "ckfta%20"]) {
      const res = await request.get(`/api/v1/agreements/${slug}/rounds`);
      expect(res.status(), slug).toBe(404);
      expect(res.headers()["content-type"], slug).toContain("application/json");
      expect(((await res.json()) as ErrorBody).error.code, slug).toBe("not_found");
    }
  });

  test("agreements and partners lists match the database", async ({ request }) => {
    const db = testDb();
    const slugs = (db.prepare(`SELECT slug FROM agreements ORDER BY slug`).all() as { slug: string }[]).map((r) => r.slug);
    const ckftaParties = (db.prepare(`SELECT partner_code FROM agreement_parties p JOIN agreements a ON a.id = p.agreement_id WHERE a.slug = 'ckfta' ORDER BY partner_code`).all() as { partner_code: string }[]).map((r) => r.partner_code);
    const ckftaEvents = (db.prepare(`SELECT date FROM agreement_events e JOIN agreements a ON a.id = e.agreement_id WHERE a.slug = 'ckfta' ORDER BY date`).all() as { date: string }[]).map((r) => r.date);
    const partnerCodes = (db.prepare(`SELECT code FROM partners WHERE code <> 'KHM' AND code IN (SELECT counterpart FROM trade_figures) ORDER BY name`).all() as { code: string }[]).map((r) => r.code);
    db.close();

    const agreements = await request.get("/api/v1/agreements");
    expect(agreements.headers()["cache-control"]).toMatch(CDN_CACHE);
    const a = (await agreements.json()) as { data: { slug: string; parties: { code: string }[]; milestones: { date: string }[]; rounds: number }[] };
    expect(a.data.map((x) => x.slug)).toEqual(slugs);
    const ckfta = a.data.find((x) => x.slug === "ckfta");
    expect(ckfta?.parties.map((p) => p.code)).toEqual(ckftaParties);
    expect(ckfta?.milestones.map((m) => m.date)).toEqual(ckftaEvents);
    expect(ckfta?.rounds).toBe(4);

    const partners = (await (await request.get("/api/v1/partners")).json()) as { data: { code: string }[] };
    expect(partners.data.map((p) => p.code)).toEqual(partnerCodes);
  });
});
