import { expect, test } from "@playwright/test";
import { testDb } from "./db";

test.describe("a reader's journey", () => {
  test("front page → story → live figure equals the database", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Cambodia Trade Monitor" })).toBeVisible();
    // Key figures strip is read from the database.
    const strip = page.getByRole("region", { name: "Key figures" });
    await expect(strip.locator("[data-figure-id]")).toHaveCount(4);

    await page
      .getByRole("link", { name: /Third round of Korea–Cambodia FTA talks/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/articles\/ckfta-third-round$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Third round");
    await expect(page.locator("article time").first()).toHaveAttribute("datetime", "2020-10-05");

    // The story pins Korea's 2019 total to Yonhap's report; the page shows exactly the stored value.
    const db = testDb();
    const row = (await db.get(`SELECT id, value FROM trade_figures WHERE counterpart = 'KOR' AND khm_flow = 'total'
         AND period_start = '2019-01' AND period_end = '2019-12' AND source_id = 'yonhap-2020-10-05'`)) as { id: number; value: number };
    await db.close();
    const figure = page.locator(`.prose-story [data-figure-id="${row.id}"]`).first();
    await expect(figure).toHaveAttribute("data-value", String(row.value));
    await expect(figure).toContainText("US$1.03 billion");
    await expect(figure.getByRole("link", { name: "Yonhap" })).toHaveAttribute("href", "/sources/yonhap-2020-10-05");

    // The source is one click away.
    await figure.getByRole("link", { name: "Yonhap" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("third round");
    await expect(page.getByText("Yonhap News Agency").first()).toBeVisible();
  });

  test("every story embeds a live widget and lists its sources", async ({ page, request }) => {
    const html = await (await request.get("/articles")).text();
    const slugs = [...new Set([...html.matchAll(/href="\/articles\/([a-z0-9-]+)"/g)].map((m) => m[1]))];
    expect(slugs.length).toBeGreaterThanOrEqual(6);
    for (const slug of slugs) {
      await page.goto(`/articles/${slug}`);
      const widgets = page.locator(
        ".prose-story [data-figure-id], .prose-story [data-chart], .prose-story [data-timeline], .prose-story [data-round-dates]",
      );
      expect(await widgets.count(), slug).toBeGreaterThan(0);
      await expect(page.locator(".prose-story [data-figure-missing]"), slug).toHaveCount(0);
      await expect(page.getByRole("heading", { name: "Sources" })).toBeVisible();
    }
  });

  test("where reports disagree, readers are told", async ({ page }) => {
    await page.goto("/articles/ckfta-explainer");
    const db = testDb();
    const ppp = (await db.get(
      `SELECT id, value FROM trade_figures WHERE counterpart='KOR' AND khm_flow='total' AND period_start='2018-01' AND source_id='ppp-2020-09-01'`,
    )) as { id: number; value: number };
    await db.close();
    const fig = page.locator(`[data-figure-id="${ppp.id}"]`).first();
    await expect(fig).toHaveAttribute("data-value", String(ppp.value));
    await expect(fig.locator("[data-sources-differ]")).toBeVisible();
    await fig.locator("[data-sources-differ]").click();
    await expect(page.getByRole("heading", { name: "Sources differ" })).toBeVisible();
    await expect(page.locator("[data-figure-row]")).toHaveCount(4);
  });

  test("the CKFTA tracker lists every stored round in order with their dates", async ({ page }) => {
    await page.goto("/agreements/ckfta");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cambodia–Korea Free Trade Agreement");
    await expect(page.locator("header [data-status]")).toHaveText("In force");
    // Other specs may add rounds (the editor's day adds round 5): compare with the database.
    const db = testDb();
    const rounds = (await db.all(
      `SELECT number, start_date AS s FROM rounds r JOIN agreements a ON a.id = r.agreement_id WHERE a.slug = 'ckfta' ORDER BY number`,
    )) as { number: number; s: string }[];
    await db.close();
    expect(rounds.slice(0, 4).map((r) => r.number)).toEqual([1, 2, 3, 4]);
    const rows = page.locator("[data-round-row]");
    await expect(rows).toHaveCount(rounds.length);
    await expect(rows.locator("th")).toHaveText(rounds.map((r) => String(r.number)));
    for (const [i, r] of rounds.entries()) {
      await expect(rows.nth(i).locator("time").first()).toHaveAttribute("datetime", r.s);
    }
    await expect(rows.nth(0)).toContainText("30–31 July 2020");
    await expect(rows.nth(1)).toContainText("31 Aug – 2 Sept 2020");
    await expect(rows.nth(1).locator("[data-sources-differ]")).toContainText("The Phnom Penh Post");
    await expect(rows.nth(3)).toContainText("Rules of origin");
    // The timeline orders milestones before the rounds that followed them.
    const timeline = page.locator("[data-timeline]").first();
    await expect(timeline.locator("[data-round]")).toHaveCount(rounds.length);
    await expect(timeline.locator("[data-milestone]").first()).toHaveAttribute("data-milestone", "proposed");
  });

  test("a partner page charts trade from both reporting sides", async ({ page }) => {
    await page.goto("/partners/kor");
    await expect(page).toHaveURL(/\/partners\/KOR$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cambodia and South Korea");
    const chart = page.locator('[data-chart^="chart-KOR-total-1990-"]');
    await expect(chart.locator('[data-series="cambodia"]')).toBeVisible();
    await expect(chart.locator('[data-series="partner"]')).toBeVisible();
    const db = testDb();
    const counts =
      (await db.all(`SELECT side, count(*) AS n FROM trade_figures WHERE counterpart='KOR' AND khm_flow='total' AND source_id='imf-dots'
         AND period_start BETWEEN '1990-01' AND '2020-01' GROUP BY side`)) as { side: string; n: number }[];
    await db.close();
    for (const c of counts) {
      await expect(chart.locator(`[data-series="${c.side}"]`)).toHaveAttribute("data-points", String(c.n));
    }
    await expect(chart.locator("svg title").first()).toContainText("Trade between Cambodia and South Korea");
    await chart.getByText("Show the numbers as a table").click();
    // The IMF rows start at the series' last year, below the break and the figures quoted in reports after it.
    await expect(chart.locator("table tbody tr:not([data-reported-row]):not([data-series-break-row])").first()).toContainText("2020");
    await expect(page.getByRole("link", { name: "Cambodia–Korea Free Trade Agreement" })).toBeVisible();
  });

  test("bad slugs are 404s that leak nothing", async ({ request }) => {
    for (const path of [
      "/articles/does-not-exist",
      "/articles/..%2F..%2Fpackage.json",
      "/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "/agreements/nope",
      "/agreements/..%2Fckfta",
      "/partners/XYZ",
      "/partners/KHM",
      "/partners/KO",
      "/partners/..%2F..%2Fetc",
      "/topics/..%2Fadmin",
      "/figures/0",
      "/figures/abc",
      "/figures/99999999",
      "/sources/..%2Fimf-dots",
    ]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
      const body = await res.text();
      expect(body, path).not.toMatch(/node_modules|SQLITE|at Object\.|\/work\/|stack/i);
      expect(body, path).toContain("Page not found");
    }
  });
});
