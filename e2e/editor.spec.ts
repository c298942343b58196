import { expect, test, type APIRequestContext } from "@playwright/test";
import { testDb } from "./db";
import { formatDateTime } from "../lib/format/date";
import { createUser, dbFingerprint, signIn } from "./users";

const EDITOR = { email: "dara.editor@example.org", name: "Dara Editor", password: "correct horse battery staple" };

test.beforeAll(() => createUser(EDITOR.email, EDITOR.name, "editor", EDITOR.password));

/** Polls a public URL as an anonymous reader until `ok(html)`; returns the milliseconds it took. */
async function msUntil(request: APIRequestContext, path: string, ok: (html: string) => boolean, limitMs = 10_000): Promise<number> {
  const start = performance.now();
  for (;;) {
    const html = await (await request.get(path, { headers: { "cache-control": "no-cache" } })).text();
    if (ok(html)) return performance.now() - start;
    if (performance.now() - start > limitMs) throw new Error(`${path} did not change within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("an editor's day: round 5, an update, a figure correction, the audit log, sign out", async ({ page, request, browser }) => {
  test.setTimeout(120_000);
  // /admin is closed to a stranger.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in\?callbackUrl=%2Fadmin/);
  await signIn(page, EDITOR.email, EDITOR.password);
  await expect(page.getByRole("heading", { name: /Good to see you, Dara Editor/ })).toBeVisible();

  // A reader has the tracker open before round 5 is posted.
  const reader = await browser.newPage();
  await reader.goto("/agreements/ckfta");
  await expect(reader.locator("[data-round]")).toHaveCount(4);

  // Round 5, minutes after the briefing.
  await page.goto("/admin/rounds/new?agreement=ckfta");
  await expect(page.getByLabel("Round number")).toHaveValue("5");
  await page.getByLabel("First day").fill("2026-11-18");
  await page.getByLabel("Last day").fill("2026-11-20");
  await page.getByLabel("Format").selectOption("in_person");
  await page.getByLabel("Host city or venue (optional)").fill("Phnom Penh");
  await page.getByLabel("Topics and chapters").fill("goods, rules of origin, e-commerce");
  await page.getByLabel("Summary").fill("Negotiators met for a fifth round and worked through the **goods** schedules.");
  await page.getByRole("button", { name: "Add round" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  const trackerMs = await msUntil(request, "/agreements/ckfta", (h) => h.includes('data-round="5"'));
  const frontMs = await msUntil(request, "/", (h) => h.includes('data-round="5"'));
  console.log(`round 5 visible: tracker ${trackerMs.toFixed(0)} ms, front page ${frontMs.toFixed(0)} ms after the save returned`);
  expect(trackerMs).toBeLessThan(1000);
  expect(frontMs).toBeLessThan(1000);
  const db = testDb();
  const round = (await db.get(
    "SELECT r.id, r.start_date, r.end_date FROM rounds r JOIN agreements a ON a.id = r.agreement_id WHERE a.slug = 'ckfta' AND r.number = 5",
  )) as { id: number; start_date: string; end_date: string };
  await db.close();
  expect(round).toMatchObject({ start_date: "2026-11-18", end_date: "2026-11-20" });

  // The reader's open tracker shows it without a reload.
  await expect(reader.locator('[data-round="5"]')).toBeVisible({ timeout: 15_000 });

  // A published update on round 5 from the dashboard's quick form.
  await page.goto("/admin");
  await page.getByLabel("Round (optional)").fill("5");
  await page.getByLabel("Title").fill("Fifth round closes in Phnom Penh");
  await page.getByLabel("Text").fill("Both sides said the goods talks moved forward.");
  await page.getByRole("button", { name: "Post" }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  const updateMs = await msUntil(request, "/", (h) => h.includes("Fifth round closes in Phnom Penh"));
  console.log(`update visible on the front page ${updateMs.toFixed(0)} ms after the save returned`);
  expect(updateMs).toBeLessThan(1000);
  await expect(reader.getByText("Fifth round closes in Phnom Penh")).toBeVisible({ timeout: 15_000 });

  // Correct a figure that a story shows through a derived total: Cambodia's 2018 exports to Korea.
  const db2 = testDb();
  const total = (await db2.get(
    "SELECT id, value FROM trade_figures WHERE reporter='KHM' AND partner='KOR' AND flow='total' AND period_start='2018-01' AND period_end='2018-12' AND source_id='imf-dots'",
  )) as { id: number; value: number };
  const exportsRow = (await db2.get(
    "SELECT id, value FROM trade_figures WHERE reporter='KHM' AND partner='KOR' AND flow='exports' AND period_start='2018-01' AND period_end='2018-12' AND source_id='imf-dots'",
  )) as { id: number; value: number };
  await db2.close();
  const story = "/articles/ckfta-explainer";
  await page.goto(story);
  await expect(page.locator(`[data-figure-id="${total.id}"]`).first()).toHaveAttribute("data-value", String(total.value));

  await page.goto(`/admin/figures/${exportsRow.id}`);
  const newExports = exportsRow.value + 2_500_000;
  // Typed as an editor would: US$ millions with a dot.
  await page.getByLabel("Value", { exact: true }).fill(`${Math.floor(newExports / 1e6)}.${String(newExports % 1e6).padStart(6, "0")}`);
  await page.getByRole("button", { name: "Save figure" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  const expected = total.value + 2_500_000;
  const storyMs = await msUntil(request, story, (h) => h.includes(`data-figure-id="${total.id}" data-value="${expected}"`));
  console.log(`story widget changed ${storyMs.toFixed(0)} ms after the figure save returned`);
  expect(storyMs).toBeLessThan(1000);
  await page.goto(story);
  await expect(page.locator(`[data-figure-id="${total.id}"]`).first()).toHaveAttribute("data-value", String(expected));

  // The audit log lists both changes, by name.
  await page.goto("/admin/audit");
  await expect(page.locator(`[data-audit-entity="round"][data-audit-id="${round.id}"]`)).toContainText("Dara Editor");
  await expect(page.locator(`[data-audit-entity="figure"][data-audit-id="${exportsRow.id}"]`).first()).toContainText("Dara Editor");
  await expect(page.locator(`[data-audit-entity="figure"][data-audit-id="${total.id}"][data-audit-action="recompute"]`)).toHaveCount(1);

  // Sign out: /admin is closed again.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await reader.close();
});

test("two editors save the same round: the second is refused and keeps their text", async ({ browser }) => {
  await createUser("sokha@example.org", "Sokha Chan", "editor", "another long passphrase");
  const a = await browser.newPage();
  const b = await browser.newPage({ storageState: undefined });
  await signIn(a, EDITOR.email, EDITOR.password);
  await signIn(b, "sokha@example.org", "another long passphrase");
  const db = testDb();
  const round = (await db.get(
    "SELECT r.id FROM rounds r JOIN agreements a ON a.id = r.agreement_id WHERE a.slug='ckfta' AND r.number = 3",
  )) as { id: number };
  await db.close();
  await a.goto(`/admin/rounds/${round.id}`);
  await b.goto(`/admin/rounds/${round.id}`);
  await a.getByLabel("Summary").fill("Summary from Dara.");
  await a.getByRole("button", { name: "Save round" }).click();
  await expect(a.getByRole("status")).toContainText("Saved");
  await b.getByLabel("Summary").fill("Summary from Sokha, written at the same time.");
  await b.getByRole("button", { name: "Save round" }).click();
  const alert = b.locator("[data-form-status=error]");
  await expect(alert).toContainText("changed by Dara Editor at");
  await expect(b.getByLabel("Summary")).toHaveValue("Summary from Sokha, written at the same time.");
  const db2 = testDb();
  expect(((await db2.get("SELECT summary FROM rounds WHERE id = ?", round.id)) as { summary: string }).summary).toBe("Summary from Dara.");
  await db2.close();
  await a.close();
  await b.close();
});

test("a CSV import refuses a row another editor changed after the preview, and writes nothing", async ({ browser }) => {
  await createUser("sokha@example.org", "Sokha Chan", "editor", "another long passphrase");
  const a = await browser.newPage();
  const b = await browser.newPage();
  await signIn(a, EDITOR.email, EDITOR.password);
  await signIn(b, "sokha@example.org", "another long passphrase");
  const figure = async () => {
    const db = testDb();
    const row = (await db.get(
      "SELECT id, value FROM trade_figures WHERE reporter='KHM' AND partner='ITA' AND flow='exports' AND period_start='2005-01' AND period_end='2005-12' AND source_id='imf-dots'",
    )) as { id: number; value: number };
    const added = await db.value("SELECT count(*) FROM trade_figures WHERE partner='ITA' AND period_start='2005-03'");
    await db.close();
    return { ...row, added };
  };
  const { id } = await figure();

  // Dara previews a file that corrects Cambodia's 2005 exports to Italy and adds March 2005.
  const header = "reporter,partner,period_start,period_end,flow,value,source,note,estimate";
  await a.goto("/admin/figures/import");
  await a
    .getByLabel("Or paste it")
    .fill([header, "KHM,ITA,2005-01,2005-12,exports,7.1,imf-dots,,", "KHM,ITA,2005-03,2005-03,exports,0.6,imf-dots,,"].join("\n"));
  await a.getByRole("button", { name: "Preview" }).click();
  await expect(a.locator("[data-preview-status=ok]")).toHaveText("Ready: 1 new, 1 corrected, 0 unchanged.");

  // Meanwhile Sokha corrects the same figure in its own form.
  await b.goto(`/admin/figures/${id}`);
  await b.getByLabel("Value", { exact: true }).fill("6.9");
  await b.getByRole("button", { name: "Save figure" }).click();
  await expect(b.getByRole("status")).toContainText("Saved");
  const db = testDb();
  const at = (await db.value(
    "SELECT at FROM audit_log WHERE entity = 'figure' AND entity_id = ? ORDER BY id DESC LIMIT 1",
    String(id),
  )) as string;
  await db.close();

  // Dara's import is refused, naming Sokha and the time, and writes nothing.
  const before = await dbFingerprint();
  await a.getByRole("button", { name: "Import 2 row(s)" }).click();
  const alert = a.locator("[data-form-status=error]");
  await expect(alert).toHaveText(
    `Nothing was imported: line 2 (KHM → ITA, exports, 2005, imf-dots) was changed by Sokha Chan at ${formatDateTime(at)} after your preview. Preview the file again to see what is stored now.`,
  );
  await expect(alert).toHaveAttribute("data-conflict", "true");
  expect(await dbFingerprint()).toBe(before);
  expect(await figure()).toMatchObject({ value: 6_900_000, added: 0 });

  // Previewed again, the file shows Sokha's value as the one it corrects, and goes in whole.
  await a.getByRole("button", { name: "Preview" }).click();
  await expect(a.locator("[data-preview-status=ok]")).toHaveText("Ready: 1 new, 1 corrected, 0 unchanged.");
  await a.getByRole("button", { name: "Import 2 row(s)" }).click();
  await expect(a.locator("[data-form-status=ok]")).toHaveText("Imported 1 new and 1 corrected figure(s); 2 derived value(s) recomputed.");
  expect(await figure()).toMatchObject({ value: 7_100_000, added: 1 });
  await a.close();
  await b.close();
});

test("a round moved to another agreement leaves the old tracker at once and appears on the new one", async ({ page, request }) => {
  await signIn(page, EDITOR.email, EDITOR.password);
  await page.goto("/admin/rounds/new?agreement=ckfta");
  await page.getByLabel("Round number").fill("61");
  await page.getByLabel("First day").fill("2026-10-05");
  await page.getByLabel("Last day").fill("2026-10-06");
  await page.getByLabel("Topics and chapters").fill("services");
  await page.getByLabel("Summary").fill("Filed under the wrong agreement by mistake.");
  await page.getByRole("button", { name: "Add round" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  // Both trackers are rendered and cached as readers see them before the correction.
  await msUntil(request, "/agreements/ckfta", (h) => h.includes('data-round="61"'));
  expect(await (await request.get("/agreements/rcep")).text()).not.toContain('data-round="61"');

  // By role: Next keeps the page we came from (the new-round form) in the DOM, hidden, after the
  // save redirected here, and getByLabel would count its select too.
  await page.getByRole("combobox", { name: "Agreement" }).selectOption("rcep");
  await page.getByRole("button", { name: "Save round" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  const leftMs = await msUntil(request, "/agreements/ckfta", (h) => !h.includes('data-round="61"'));
  const arrivedMs = await msUntil(request, "/agreements/rcep", (h) => h.includes('data-round="61"'));
  console.log(
    `moved round: gone from the old tracker ${leftMs.toFixed(0)} ms, on the new one ${arrivedMs.toFixed(0)} ms after the save returned`,
  );
  expect(leftMs).toBeLessThan(1000);
  expect(arrivedMs).toBeLessThan(1000);
});
