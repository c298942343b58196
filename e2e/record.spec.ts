/**
 * The record to 2026, read from the pages as readers see it and compared with the database:
 * milestones and their sources, current status, the WTO's two exports, figures after 2020 and
 * whose records they are, the before/after widget, the stories' live widgets and the corrections.
 */
import { expect, test, type Page } from "@playwright/test";
import { testDb } from "./db";

type EventRow = { id: number; status: string; date: string; party: string | null; source_id: string; confidence: string };

async function query<T>(sql: string, ...args: unknown[]): Promise<T[]> {
  const db = testDb();
  try {
    return (await db.all(sql, ...args)) as T[];
  } finally {
    await db.close();
  }
}
const events = (slug: string) =>
  query<EventRow>(
    `SELECT e.id, e.status, e.date, e.party, e.source_id, e.confidence FROM agreement_events e JOIN agreements a ON a.id = e.agreement_id
     WHERE a.slug = ? ORDER BY e.date, e.id`,
    slug,
  );

/** The preferred value of one figure cell from one side, as the pages choose it. */
async function cellValue(counterpart: string, flow: string, start: string, end: string, side: string) {
  return (
    await query<{ id: number; value: number; source_id: string; records: string | null }>(
      `SELECT f.id, f.value, f.source_id, f.records FROM trade_figures f JOIN sources s ON s.id = f.source_id
     WHERE f.counterpart = ? AND f.khm_flow = ? AND f.period_start = ? AND f.period_end = ? AND f.side = ?
     ORDER BY f.preferred DESC, (s.kind = 'official_statistics') DESC, f.derived ASC, f.id ASC LIMIT 1`,
      counterpart,
      flow,
      start,
      end,
      side,
    )
  )[0];
}

async function expectNoMissingWidgets(page: Page) {
  await expect(page.locator("[data-figure-missing]")).toHaveCount(0);
}

test.describe("the record to 2026", () => {
  test("the CKFTA tracker: in force since 1 December 2022, every step dated and sourced, and where the record stops", async ({ page }) => {
    await page.goto("/agreements/ckfta");
    const all = await events("ckfta");
    const inForce = all.find((e) => e.status === "in_force");
    expect(inForce?.date).toBe("2022-12-01");
    await expect(page.locator("header [data-status]")).toHaveText("In force");
    await expect(page.locator("header [data-status-since]")).toHaveAttribute("data-status-since", inForce!.date);
    await expect(page.locator("[data-status-sentence]")).toContainText("In force for Cambodia since 1 December 2022.");

    // Every milestone in the database is on the timeline, with a link to its own source; one-source steps say so.
    const timeline = page.locator("[data-timeline]").first();
    await expect(timeline.locator("[data-event-id]")).toHaveCount(all.length);
    for (const e of all) {
      const item = timeline.locator(`#event-${e.id}`);
      await expect(item).toHaveAttribute("data-milestone", e.status);
      await expect(item.locator("time").first()).toHaveAttribute("datetime", e.date);
      await expect(item.locator("[data-event-source] a").first()).toHaveAttribute("href", `/sources/${e.source_id}`);
      await expect(item.locator("[data-one-source]")).toHaveCount(e.confidence === "medium" ? 1 : 0);
    }
    expect(all.filter((e) => e.confidence === "medium").length).toBeGreaterThan(0);

    // The stepper: each stage's first date, linking to its milestone.
    const stepper = page.locator("header [data-stepper]");
    for (const status of ["proposed", "feasibility_study", "negotiating", "concluded", "signed", "ratification", "in_force"]) {
      const first = all.find((e) => e.status === status)!;
      const step = stepper.locator(`[data-step="${status}"]`);
      await expect(step).toHaveAttribute("data-state", "done");
      await expect(step.locator("time")).toHaveAttribute("datetime", first.date);
      await expect(step.locator("a")).toHaveAttribute("href", `#event-${first.id}`);
    }
    await expect(stepper.locator('[aria-current="step"]')).toHaveAttribute("data-step", "in_force");
    await stepper.locator('[data-step="signed"] a').click();
    await expect(page.locator(`#event-${all.find((e) => e.status === "signed")!.id}`)).toBeInViewport();

    // The record's end: the latest milestone, round or published update.
    const end = (
      await query<{ d: string }>(
        `SELECT max(d) AS d FROM (
         SELECT coalesce(e.end_date, e.date) AS d FROM agreement_events e JOIN agreements a ON a.id = e.agreement_id WHERE a.slug = 'ckfta'
         UNION ALL SELECT r.end_date FROM rounds r JOIN agreements a ON a.id = r.agreement_id WHERE a.slug = 'ckfta'
         UNION ALL SELECT substr(u.posted_at, 1, 10) FROM updates u JOIN agreements a ON a.id = u.agreement_id WHERE a.slug = 'ckfta' AND u.status = 'published') AS steps`,
      )
    )[0]!.d;
    await expect(page.locator("[data-record-end]")).toHaveAttribute("data-record-end", end);
    await expect(page.locator("[data-record-end]")).toContainText("Our record stops at");
  });

  test("the CKFTA tracker shows the WTO's record, the tariff shares with their caveats, and the before/after widget", async ({ page }) => {
    await page.goto("/agreements/ckfta");
    const wto = page.locator('[data-wto-row="1168"]');
    await expect(wto).toContainText("In force (goods)");
    await expect(wto.locator('[data-wto-field="inForceGoods"]')).toHaveText("1 December 2022");
    await expect(wto.locator('[data-wto-field="notifiedGoods"]')).toHaveText("21 June 2023");

    const shares = await query<{ party: string; share_bp: number; source_id: string }>(
      `SELECT t.party, t.share_bp, t.source_id FROM tariff_eliminations t JOIN agreements a ON a.id = t.agreement_id WHERE a.slug = 'ckfta' ORDER BY t.party`,
    );
    expect(shares).toHaveLength(2);
    for (const s of shares) {
      const widget = page.locator(`[data-tariff-shares] [data-tariff-share="${s.share_bp}"]`);
      await expect(widget).toContainText(`${s.share_bp / 100}% of products`);
      await expect(widget.locator("a").first()).toHaveAttribute("href", `/sources/${s.source_id}`);
    }
    await expect(page.locator("[data-tariff-shares]")).toContainText("covers the CKFTA and RCEP together");
    await expect(page.locator("[data-tariff-shares]")).toContainText("products, not tariff lines");

    const ba = page.locator("[data-before-after]");
    await expect(ba).toHaveAttribute("data-entry-into-force", "2022-12-01");
    const before = (await cellValue("KOR", "total", "2022-01", "2022-12", "cambodia"))!;
    const after = (await cellValue("KOR", "total", "2023-01", "2023-08", "cambodia"))!;
    await expect(ba.locator('[data-flow="total"] [data-cell="before"] [data-figure-id]')).toHaveAttribute(
      "data-figure-id",
      String(before.id),
    );
    await expect(ba.locator('[data-flow="total"] [data-cell="before"] [data-figure-id]')).toHaveAttribute(
      "data-value",
      String(before.value),
    );
    await expect(ba.locator('[data-flow="total"] [data-cell="after"] [data-figure-id]')).toHaveAttribute("data-value", String(after.value));
    // 2022 has a total only: the split is said to be missing, not filled in.
    await expect(ba.locator('[data-flow="exports"] [data-cell="before"]')).toHaveText("not reported for this period");
    await expect(ba.locator("[data-ba-not-comparable]")).toContainText("different lengths of time (12 months before, 8 after)");
    await expect(ba.locator("[data-ba-gaps]")).toContainText("No full-year 2023 figure from South Korea's records or Cambodia's records.");
    await expect(ba.locator("[data-ba-change]")).toHaveCount(0);
  });

  test("/agreements: RCEP and the Cambodia–China FTA in force for Cambodia since 1 January 2022; every row of the WTO's 2026 export", async ({
    page,
  }) => {
    await page.goto("/agreements");
    for (const slug of ["rcep", "ccfta"]) {
      const status = page.locator(`[data-agreement="${slug}"] [data-status]`);
      await expect(status).toHaveAttribute("data-status", "in_force");
      await expect(status).toHaveAttribute("data-status-since", "2022-01-01");
      await expect(status).toHaveAttribute("data-status-scope", "cambodia");
      await expect(status).toContainText("In force for Cambodia since 1 January 2022");
    }
    await expect(page.locator('[data-agreement="ckfta"] [data-status]')).toContainText("In force for Cambodia since 1 December 2022");
    // Each listed agreement has its stepper, and its current step matches the database.
    const slugs = (await query<{ slug: string }>(`SELECT slug FROM agreements ORDER BY name`)).map((r) => r.slug);
    await expect(page.locator("[data-agreement]")).toHaveCount(slugs.length);
    await expect(page.locator("[data-agreement] [data-stepper]")).toHaveCount(slugs.length);

    const rows = await query<{ rta_id: number; status: string }>(
      `SELECT rta_id, status FROM wto_rta_records WHERE source_id = 'wto-rtais-2026' ORDER BY rta_id`,
    );
    expect(rows).toHaveLength(11);
    const shown = await page.locator("[data-wto-rta]").evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-wto-rta"))));
    expect(shown).toEqual(rows.map((r) => r.rta_id));
    for (const r of rows) await expect(page.locator(`[data-wto-rta="${r.rta_id}"] [data-wto-status]`)).toContainText(r.status);
    const older = new Set(
      (await query<{ rta_id: number }>(`SELECT rta_id FROM wto_rta_records WHERE source_id = 'wto-rtais'`)).map((r) => r.rta_id),
    );
    for (const r of rows.filter((x) => !older.has(x.rta_id))) {
      await expect(page.locator(`[data-wto-rta="${r.rta_id}"] [data-wto-diff]`)).toHaveText("New in 2026");
    }
    // The inactive 1992 AFTA row is listed as such.
    await expect(page.locator('[data-wto-rta="126"] [data-wto-status]')).toContainText("Inactive");
    await expect(page.locator('[data-wto-rta="126"] [data-wto-status]')).toContainText("since 17 May 2010");
  });

  test("a tracker shows what changed between the WTO's exports, preferring the newer", async ({ page }) => {
    const [newer, older] = await Promise.all(
      ["wto-rtais-2026", "wto-rtais"].map(
        async (s) =>
          (await query<{ d: string }>(`SELECT in_force_services AS d FROM wto_rta_records WHERE source_id = ? AND rta_id = 169`, s))[0]!.d,
      ),
    );
    expect(newer).not.toBe(older);
    await page.goto("/agreements/asean-korea");
    const change = page.locator('[data-wto-row="169"] [data-wto-change="inForceServices"]');
    await expect(change).toContainText("In force (services): 1 May 2009");
    await expect(change).toContainText("had 14 October 2010");
    await expect(page.locator('[data-wto-row="169"] [data-wto-field="inForceServices"]')).toHaveText("1 May 2009");
  });

  for (const code of ["KOR", "JPN"] as const) {
    test(`/partners/${code}: figures after 2020 beside the IMF series, by whose records, with the break and what is missing`, async ({
      page,
    }) => {
      await page.goto(`/partners/${code}`);
      const later = await query<{ period_start: string; period_end: string; side: string }>(
        `SELECT DISTINCT period_start, period_end, side FROM trade_figures
         WHERE counterpart = ? AND source_id <> 'imf-dots' AND unit = 'USD' AND khm_flow IN ('total', 'exports', 'imports') AND period_end > '2020-12'
         ORDER BY period_end DESC, period_start, side`,
        code,
      );
      expect(later.length).toBeGreaterThan(2);
      const rows = page.locator("[data-reported-table] [data-reported-period]");
      await expect(rows).toHaveCount(later.length);
      for (const p of later) {
        const tr = page.locator(`[data-reported-table] [data-reported-period="${p.period_start}/${p.period_end}"][data-side="${p.side}"]`);
        const total = await cellValue(code, "total", p.period_start, p.period_end, p.side);
        if (total) {
          await expect(tr.locator('[data-flow="total"] [data-figure-id]')).toHaveAttribute("data-value", String(total.value));
          if (total.records) await expect(tr).toHaveAttribute("data-records", total.records);
        }
      }
      // The chart keeps the IMF lines, and after 2020 shows the reported years apart, across a labelled break.
      const chart = page.locator(`[data-chart^="chart-${code}-total-1990-"]`);
      await expect(chart.locator('[data-series="cambodia"]')).toBeVisible();
      await expect(chart.locator('[data-series-break="2020"]')).toBeVisible();
      await expect(chart.locator("[data-series-break]")).toContainText("IMF series ends");
      const annual = await query<{ y: string; side: string }>(
        `SELECT DISTINCT substr(period_start, 1, 4) y, side FROM trade_figures WHERE counterpart = ? AND source_id <> 'imf-dots' AND khm_flow = 'total'
         AND substr(period_start, 6, 2) = '01' AND period_end = substr(period_start, 1, 4) || '-12' AND period_start > '2020-12'`,
        code,
      );
      await expect(chart.locator("[data-reported-points]")).toHaveAttribute("data-reported-points", String(annual.length));
      await chart.getByText("Show the numbers as a table").click();
      await expect(chart.locator("[data-series-break-row]")).toContainText("IMF series");
      await expect(chart.locator("[data-reported-row]")).toHaveCount(new Set(annual.map((a) => a.y)).size);
      // What is missing, where a reader looks for it.
      const fullYears = new Set(annual.map((a) => Number(a.y)));
      const missing = [2021, 2022, 2023, 2024, 2025].filter((y) => !fullYears.has(y));
      await expect(page.locator("[data-missing-years]")).toHaveAttribute("data-missing-years", missing.join(","));
      await expect(page.locator("[data-missing]")).toContainText("No open dataset after 2020");
    });
  }

  test("/partners/KOR marks Korea's 2021 split as one source; /partners/JPN flags the 2022 values that sources give differently", async ({
    page,
  }) => {
    await page.goto("/partners/KOR");
    const kita = page.locator('[data-reported-period="2021-01/2021-12"][data-side="partner"]');
    await expect(kita).toContainText("South Korea's records (KITA)");
    await expect(kita.locator('[data-flow="exports"] [data-one-source]')).toBeVisible();
    await expect(kita.locator('[data-flow="total"] [data-one-source]')).toHaveCount(0);
    await expect(page.locator("[data-missing-years]")).toContainText("2023–2025");

    await page.goto("/partners/JPN");
    const gdce2022 = page.locator('[data-reported-period="2022-01/2022-12"][data-side="cambodia"]');
    await expect(gdce2022).toContainText("Cambodia's records (GDCE)");
    await expect(gdce2022.locator('[data-flow="exports"] [data-sources-differ]')).toBeVisible();
    await expect(page.locator('[data-reported-period="2021-01/2021-12"][data-side="partner"]')).toContainText("Japan's records (JETRO)");
  });

  test("the explorer breaks the series after 2020 in chart and table and says what is missing", async ({ page }) => {
    await page.goto("/data?partner=KOR,JPN&flow=total&from=2010&to=2023&side=both");
    const chart = page.locator('[data-chart="explorer"] [data-chart-layout="wide"]');
    await expect(chart.locator('[data-series-break="2020"]')).toHaveCount(1);
    const table = page.locator("[data-explorer-table]");
    const breakRow = table.locator('[data-series-break-row="2020"]');
    await expect(breakRow).toContainText("The IMF statistics end in 2020");
    // The break row sits just before 2021.
    await expect(breakRow.locator("xpath=following-sibling::tr[1]")).toHaveAttribute("data-year-row", "2021");
    const kita = (await cellValue("KOR", "total", "2021-01", "2021-12", "partner"))!;
    await expect(table.locator(`td[data-figure-id="${kita.id}"]`)).toContainText("KITA");
    await expect(page.locator('[data-missing-partner="KOR"]')).toHaveAttribute("data-missing-years", "2023");
  });

  test("story: the CKFTA from conclusion to entry into force, with live dates, shares and the before/after widget", async ({ page }) => {
    await page.goto("/articles/ckfta-from-deal-to-force");
    await expectNoMissingWidgets(page);
    const all = await events("ckfta");
    const story = page.locator(".prose-story");
    for (const status of ["concluded", "signed"]) {
      await expect(story.locator(`[data-milestone-date="${all.find((e) => e.status === status)!.date}"]`).first()).toBeVisible();
    }
    const korea = all.filter((e) => e.status === "ratification" && e.party === "KOR");
    await expect(story.locator(`[data-milestone-date="${korea[0]!.date}"] [data-one-source]`)).toBeVisible();
    await expect(story.locator("[data-agreement-status]").first()).toHaveAttribute("data-since", "2022-12-01");
    const shares = (await query<{ share_bp: number }>(`SELECT share_bp FROM tariff_eliminations ORDER BY party`)).map((s) =>
      String(s.share_bp),
    );
    expect(await story.locator("[data-tariff-share]").evaluateAll((els) => els.map((e) => e.getAttribute("data-tariff-share")))).toEqual(
      shares,
    );
    await expect(story.locator("[data-before-after]")).toBeVisible();
    await expect(story.locator("[data-before-after] [data-ba-gaps]")).toContainText("No full-year 2023 figure");
    // The timeline inside a story shows no list numbers over its dots.
    const listStyle = await story.locator("[data-timeline]").evaluate((ol) => getComputedStyle(ol).listStyleType);
    expect(listStyle).toBe("none");
    await expect(page.locator("aside").getByRole("link", { name: "RoK, Cambodia strike free trade agreement" })).toHaveAttribute(
      "href",
      "/sources/vna-2021-02-03",
    );
  });

  test("stories: Cambodia's agreements in 2026 and Korea–Japan trade since 2021 read every number and date from the database", async ({
    page,
  }) => {
    await page.goto("/articles/cambodia-trade-agreements-2026");
    await expectNoMissingWidgets(page);
    const older = (
      await query<{ d: string }>(`SELECT in_force_services d FROM wto_rta_records WHERE source_id = 'wto-rtais' AND rta_id = 169`)
    )[0]!.d;
    await expect(page.locator(`.prose-story [data-wto-field="inForceServices"][data-wto-value="${older}"]`)).toBeVisible();
    for (const slug of ["rcep", "ccfta"]) {
      await expect(page.locator(`.prose-story a[href="/agreements/${slug}"][data-since="2022-01-01"]`).first()).toContainText(
        "in force for Cambodia since 1 January 2022",
      );
    }

    await page.goto("/articles/korea-japan-trade-since-2021");
    await expectNoMissingWidgets(page);
    await expect(page.locator("article header")).toContainText("By Cambodia Trade Monitor data desk");
    const jetro = (await cellValue("JPN", "total", "2021-01", "2021-12", "partner"))!;
    await expect(page.locator(`.prose-story [data-figure-id="${jetro.id}"]`).first()).toHaveAttribute("data-value", String(jetro.value));
    await expect(page.locator(`.prose-story [data-figure-id="${jetro.id}"]`).first()).toContainText("JETRO");
    const approx = (
      await query<{ id: number }>(`SELECT id FROM trade_figures WHERE source_id = 'vietstock-2024-01' AND flow = 'total'`)
    )[0]!;
    await expect(page.locator(`.prose-story [data-figure-id="${approx.id}"]`).first()).toContainText("≈");
    await expect(page.locator('.prose-story [data-chart^="chart-KOR-total-2010-"] [data-series-break="2020"]')).toBeVisible();
  });

  test("the explainer keeps its history: updated date and note on the page and in JSON-LD, a staff byline", async ({ page }) => {
    await page.goto("/articles/ckfta-explainer");
    await expect(page.locator("article header")).toContainText("By Cambodia Trade Monitor staff");
    await expect(page.locator("[data-story-change]")).toHaveAttribute("data-story-change", "2026-12-01");
    await expect(page.locator("[data-story-changes]")).toContainText("First published 20 November 2026");
    const ld = await page
      .locator('script[type="application/ld+json"]')
      .evaluateAll((els) => els.map((e) => JSON.parse(e.textContent ?? "null")));
    const article = ld.flat().find((n: { "@type"?: string }) => n["@type"] === "NewsArticle") as {
      dateModified: string;
      datePublished: string;
    };
    expect(article).toMatchObject({ datePublished: "2026-11-20", dateModified: "2026-12-01" });
    await expectNoMissingWidgets(page);
  });

  test("a rounded value's full precision is one click away, and a hover away", async ({ page }) => {
    const f = (
      await query<{ id: number; value: number }>(
        `SELECT id, value FROM trade_figures WHERE source_id = 'ppp-2024-03-26' AND flow = 'total' AND partner = 'JPN' AND period_start = '2024-01'`,
      )
    )[0]!;
    expect(f.value).toBe(325_650_000);
    await page.goto("/articles/cambodia-japan-trade-early-2024");
    const link = page.locator(`.prose-story [data-figure-id="${f.id}"] a`).first();
    await expect(link).toHaveAttribute("title", /US\$325,650,000 as stored/);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/figures/${f.id}$`));
    await expect(page.locator(`[data-exact-value="${f.value}"]`)).toContainText("US$325,650,000");
  });

  test("a source page lists the milestones it dates, with its date only as precise as given", async ({ page }) => {
    await page.goto("/sources/ppp-2022-02-royal-code");
    await expect(page.locator("dl")).toContainText("c. February 2022");
    const dated = await query<{ id: number }>(`SELECT id FROM agreement_events WHERE source_id = 'ppp-2022-02-royal-code'`);
    await expect(page.locator("[data-source-milestones] li")).toHaveCount(dated.length);
    await page.goto("/sources/edaily-2024-05-13");
    await expect(page.getByRole("heading", { level: 1 })).toHaveAttribute("lang", "ko");
  });
});
