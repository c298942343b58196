import { expect, test } from "@playwright/test";
import { compileErrors, validate } from "@readme/openapi-parser";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { AgreementsAnswer, FiguresAnswer, PartnersAnswer, Problem, RoundsAnswer } from "@/lib/api/schemas";
import { testDb } from "./db";
import { expectedRows } from "./explorerDb";

/** Every answer is parsed with the schema the OpenAPI document publishes (strict: no field it does not list). */

const CDN_CACHE = /public.*s-maxage=\d+.*stale-while-revalidate=\d+/;

test.describe("open data API over HTTP", () => {
  test("figures as JSON match the database, with source, unit and flags on every row", async ({ request }) => {
    const res = await request.get("/api/v1/figures?partner=KOR,JPN&flow=balance&from=1995&to=2023&side=both");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/json");
    expect(res.headers()["cache-control"]).toMatch(CDN_CACHE);
    const body = FiguresAnswer.parse(await res.json());
    const db = testDb();
    const rows = await expectedRows(db, {
      partners: ["KOR", "JPN"],
      flow: "balance",
      from: 1995,
      to: 2023,
      sides: ["cambodia", "partner"],
    });
    await db.close();
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
        records: r.records,
        approximate: r.approximate === 1,
        confidence: r.confidence,
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
    const records = z.array(z.record(z.string(), z.string())).parse(parse(await res.text(), { columns: true }));
    const db = testDb();
    const rows = await expectedRows(db, { partners: ["THA"], flow: "exports", from: 2005, to: 2020, sides: ["partner"] });
    await db.close();
    expect(rows.length).toBeGreaterThan(10);
    expect(records.map((r) => [Number(r.figure_id), Number(r.value), r.side, r.reporter])).toEqual(
      rows.map((r) => [r.id, r.value, "partner", "THA"]),
    );
    // Thailand's imports from Cambodia, valued CIF, are Cambodia's exports in Thailand's records.
    expect(new Set(records.map((r) => `${r.reported_flow} ${r.valuation}`))).toEqual(new Set(["imports CIF"]));
  });

  test("every bad parameter is a 400 problem that names it", async ({ request }) => {
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
      expect(res.headers()["content-type"], qs).toBe("application/problem+json; charset=utf-8");
      expect(res.headers()["cache-control"], qs).toBe("no-store");
      const body = Problem.parse(await res.json());
      expect(body.status, qs).toBe(400);
      expect(body.type, qs).toMatch(/\/data\/api#bad-parameter$/);
      expect(body.parameter, qs).toBe(parameter);
      expect(body.detail, qs).toContain(parameter);
      expect(
        body.errors?.map((i) => i.parameter),
        qs,
      ).toEqual([parameter]);
    }
    for (const path of [
      "/api/v1/agreements?page=2",
      "/api/v1/agreements/ckfta/rounds?limit=1",
      "/api/v1/partners?q=k",
      "/data/chart.svg?partner=KOR&size=big",
    ]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(400);
      expect(res.headers()["content-type"], path).toBe("application/problem+json; charset=utf-8");
      expect(Problem.parse(await res.json()).parameter, path).toMatch(/^(page|limit|q|size)$/);
    }
  });

  test("the CKFTA rounds come in order with dates, format, topics and sources, as stored", async ({ request }) => {
    const res = await request.get("/api/v1/agreements/ckfta/rounds");
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toMatch(CDN_CACHE);
    const body = RoundsAnswer.parse(await res.json());
    const db = testDb();
    const rounds = z
      .array(
        z.object({
          id: z.number(),
          number: z.number(),
          start_date: z.string(),
          end_date: z.string(),
          format: z.string(),
          topics: z.string(),
        }),
      )
      .parse(
        await db.all(`SELECT r.id, r.number, r.start_date, r.end_date, r.format, r.topics FROM rounds r JOIN agreements a ON a.id = r.agreement_id
         WHERE a.slug = 'ckfta' ORDER BY r.number`),
      );
    const sources = z
      .array(z.object({ round_id: z.number(), source_id: z.string(), preferred: z.number() }))
      .parse(await db.all(`SELECT round_id, source_id, preferred FROM round_sources`));
    await db.close();
    expect(body.data.map((r) => r.number)).toEqual([1, 2, 3, 4]);
    expect(body.data.map((r) => r.number)).toEqual(rounds.map((r) => r.number));
    for (const [i, r] of rounds.entries()) {
      const got = body.data[i];
      expect(got).toMatchObject({
        number: r.number,
        start_date: r.start_date,
        end_date: r.end_date,
        format: r.format,
        topics: JSON.parse(r.topics),
      });
      const mine = sources.filter((s) => s.round_id === r.id);
      expect(got?.sources.map((s) => s.id).sort()).toEqual(mine.map((s) => s.source_id).sort());
      expect(got?.sources.filter((s) => s.preferred).map((s) => s.id)).toEqual(mine.filter((s) => s.preferred).map((s) => s.source_id));
      for (const s of got?.sources ?? []) expect(s.page).toMatch(new RegExp(`/sources/${s.id}$`));
    }
  });

  test("an unknown agreement is a 404 problem", async ({ request }) => {
    for (const slug of ["nope", "CKFTA", "..%2Fckfta", "ckfta%20"]) {
      const res = await request.get(`/api/v1/agreements/${slug}/rounds`);
      expect(res.status(), slug).toBe(404);
      expect(res.headers()["content-type"], slug).toBe("application/problem+json; charset=utf-8");
      const body = Problem.parse(await res.json());
      expect(body, slug).toMatchObject({ status: 404, title: "Not found" });
      expect(body.type, slug).toMatch(/\/data\/api#not-found$/);
    }
  });

  test("agreements and partners lists match the database", async ({ request }) => {
    const db = testDb();
    const column = async (sql: string) => z.array(z.string()).parse(await db.column(sql));
    const slugs = await column(`SELECT slug FROM agreements ORDER BY slug`);
    const ckftaParties = await column(
      `SELECT partner_code FROM agreement_parties p JOIN agreements a ON a.id = p.agreement_id WHERE a.slug = 'ckfta' ORDER BY partner_code`,
    );
    const ckftaEvents = await column(
      `SELECT date FROM agreement_events e JOIN agreements a ON a.id = e.agreement_id WHERE a.slug = 'ckfta' ORDER BY date`,
    );
    const partnerCodes = await column(
      `SELECT code FROM partners WHERE code <> 'KHM' AND code IN (SELECT counterpart FROM trade_figures) ORDER BY name`,
    );
    await db.close();

    const agreements = await request.get("/api/v1/agreements");
    expect(agreements.headers()["cache-control"]).toMatch(CDN_CACHE);
    const a = AgreementsAnswer.parse(await agreements.json());
    expect(a.data.map((x) => x.slug)).toEqual(slugs);
    const ckfta = a.data.find((x) => x.slug === "ckfta");
    expect(ckfta?.parties.map((p) => p.code)).toEqual(ckftaParties);
    expect(ckfta?.milestones.map((m) => m.date)).toEqual(ckftaEvents);
    expect(ckfta?.rounds).toBe(4);

    const partners = PartnersAnswer.parse(await (await request.get("/api/v1/partners")).json());
    expect(partners.data.map((p) => p.code)).toEqual(partnerCodes);
  });

  test("the OpenAPI document is valid, linked from /data/api, and the handlers accept exactly the parameters it lists", async ({
    request,
    page,
  }) => {
    const res = await request.get("/api/v1/openapi.json");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/json");
    const document: unknown = await res.json();
    const ApiDocument = z.custom<Exclude<Parameters<typeof validate>[0], string>>(
      (v) => typeof v === "object" && v !== null && "openapi" in v,
    );
    const result = await validate(ApiDocument.parse(structuredClone(document)));
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);

    const Operation = z.object({
      parameters: z.array(
        z.object({
          name: z.string(),
          in: z.enum(["query", "path"]),
          required: z.boolean(),
          schema: z.looseObject({ examples: z.array(z.unknown()).optional() }),
        }),
      ),
    });
    const paths = z.object({ paths: z.record(z.string(), z.object({ get: Operation })) }).parse(document).paths;
    expect(Object.keys(paths)).toContain("/api/v1/figures");
    const example = (v: unknown) => (Array.isArray(v) ? v.join(",") : String(v));
    for (const [template, { get }] of Object.entries(paths)) {
      // The path filled in with each path parameter's example.
      let path = template;
      for (const p of get.parameters.filter((x) => x.in === "path"))
        path = path.replace(`{${p.name}}`, encodeURIComponent(example(p.schema.examples?.[0])));
      const required = get.parameters.filter((p) => p.in === "query" && p.required);
      const base = new URLSearchParams(required.map((p) => [p.name, example(p.schema.examples?.[0])]));
      // Each documented parameter, alone beside the required ones, is accepted.
      for (const p of get.parameters.filter((x) => x.in === "query")) {
        const qs = new URLSearchParams(base);
        qs.set(p.name, example(p.schema.examples?.[0]));
        const ok = await request.get(`${path}?${qs}`);
        expect(ok.status(), `${path}?${qs}`).toBe(200);
      }
      // A name it does not list is refused, by name.
      const extra = new URLSearchParams(base);
      extra.set("not_documented", "1");
      const refused = await request.get(`${path}?${extra}`);
      expect(refused.status(), `${path}?${extra}`).toBe(400);
      expect(Problem.parse(await refused.json()).parameter, path).toBe("not_documented");
    }

    // The guide links to the document and lists the same parameters of /api/v1/figures.
    await page.goto("/data/api");
    await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toHaveAttribute("href", "/api/v1/openapi.json");
    const documented = (paths["/api/v1/figures"]?.get.parameters ?? []).map((p) => p.name);
    await expect(page.getByRole("table", { name: "Parameters of /api/v1/figures" }).locator("tbody th")).toHaveText(documented);
    // The error shown on the page is the API's own answer.
    const sample = Problem.parse(JSON.parse((await page.locator('[data-sample="error"]').textContent()) ?? ""));
    expect(sample).toMatchObject({ status: 400, parameter: "colour" });
    // A problem's `type` opens its explanation on this page.
    await expect(page.locator(new URL(sample.type).hash)).toHaveText(new RegExp(sample.title));
  });

  test("the fields of a row listed on /data/api are the document's FigureRow, in the order a CSV answer has them", async ({
    request,
    page,
  }) => {
    const Field = z.object({ description: z.string() });
    const document = z
      .object({ components: z.object({ schemas: z.object({ FigureRow: z.object({ properties: z.record(z.string(), Field) }) }) }) })
      .parse(await (await request.get("/api/v1/openapi.json")).json());
    const fields = Object.entries(document.components.schemas.FigureRow.properties);
    expect(fields.length).toBeGreaterThan(20);
    await page.goto("/data/api");
    const list = page.locator("[data-figure-row-fields]");
    await expect(list.locator("dt")).toHaveText(fields.map(([name]) => name));
    await expect(list.locator("dd")).toHaveText(fields.map(([, f]) => `: ${f.description}`));
    const csv = await (await request.get("/api/v1/figures?partner=KOR&format=csv")).text();
    expect(csv.split("\r\n")[0]).toBe(fields.map(([name]) => name).join(","));
  });
});
