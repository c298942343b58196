/**
 * Bad input on the editors' desk: every case gets a clear message next to its field, and the
 * database is untouched (dbFingerprint() compares every editable table before and after).
 * Values a browser's own inputs cannot send are put into the server action's body on the way out.
 */
import { expect, request as playwrightRequest, test, type Locator, type Page } from "@playwright/test";
import { testDb } from "./db";
import { E2E_PORT } from "./env";
import { cookieHeader, createUser, dbFingerprint, interceptAction, replay, signIn, submitEdited, withField } from "./users";

const EDITOR = { email: "careful.editor@example.org", name: "Careful Editor", password: "a passphrase for bad input tests" };
const BASE = `http://127.0.0.1:${E2E_PORT}`;

test.beforeAll(() => createUser(EDITOR.email, EDITOR.name, "editor", EDITOR.password));

test.beforeEach(async ({ page }) => {
  await signIn(page, EDITOR.email, EDITOR.password);
});

const formError = (page: Page) => page.locator("[data-form-status=error]");

/** The message is tied to the field (aria-describedby), so it is read out with it and shown next to it. */
async function expectFieldMessage(field: Locator, message: string) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
}

async function figureRow(id: number) {
  const db = testDb();
  const row = await db.get("SELECT value, version, updated_at FROM trade_figures WHERE id = ?", id);
  await db.close();
  return row;
}

test("figure values: negative exports, NaN, 1e400 and comma decimals are refused next to the field", async ({ page }) => {
  const db = testDb();
  const { id } = (await db.get(
    "SELECT id FROM trade_figures WHERE reporter = 'KHM' AND partner = 'AUS' AND flow = 'exports' AND period_start = '1991-01' AND derived = false",
  )) as { id: number };
  await db.close();
  const before = await dbFingerprint();
  const row = await figureRow(id);
  await page.goto(`/admin/figures/${id}`);
  const value = page.getByLabel("Value", { exact: true });
  const cases: [string, string][] = [
    ["-5", "Only a balance can be negative."],
    ["NaN", "Enter a number in US$ millions with at most six decimals, e.g. 1033.5."],
    ["Infinity", "Enter a number in US$ millions with at most six decimals, e.g. 1033.5."],
    ["1e400", "Write the number out in full, without an exponent."],
    ["1,5", "Use a dot for decimals and no thousands separators, e.g. 1033.5."],
    ["1,033.5", "Use a dot for decimals and no thousands separators, e.g. 1033.5."],
  ];
  const save = page.getByRole("button", { name: "Save figure" });
  for (const [typed, message] of cases) {
    await value.fill(typed);
    // Wait for this submission's own answer: two cases in a row share a message, so the page
    // already shows it, and React resets the form to the answer's values when it lands (a later
    // fill would be overwritten). While pending the button reads "Saving…", so `save` waits.
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/admin/figures/${id}`);
    await save.click();
    await answered;
    await expect(save).toBeEnabled();
    await expect(formError(page)).toHaveText("Nothing was saved: check the fields marked below.");
    await expectFieldMessage(value, message);
    // The editor's text stays in the field to be corrected.
    await expect(value).toHaveValue(typed);
  }
  expect(await figureRow(id)).toEqual(row);
  expect(await dbFingerprint()).toBe(before);
});

/** Fills the new-round form with valid values; each test then breaks one of them. */
async function fillRound(page: Page, number: string) {
  await page.goto("/admin/rounds/new?agreement=ckfta");
  await page.getByLabel("Round number").fill(number);
  await page.getByLabel("First day").fill("2025-02-27");
  await page.getByLabel("Last day").fill("2025-02-28");
  await page.getByLabel("Format").selectOption("virtual");
  await page.getByLabel("Topics and chapters").fill("goods");
  await page.getByLabel("Summary").fill("A round that must never be saved.");
}

test("round dates: 2025-02-30, an end before the start, and a duplicate number", async ({ page }) => {
  const before = await dbFingerprint();
  const firstDay = page.getByLabel("First day");
  const lastDay = page.getByLabel("Last day");

  // Typed into the browser's date input, 2025-02-30 is dropped: the field is empty, and says so.
  await fillRound(page, "77");
  await firstDay.fill("2025-02-30");
  await expect(firstDay).toHaveValue("");
  await page.getByRole("button", { name: "Add round" }).click();
  await expectFieldMessage(firstDay, "Use a date like 2020-07-01.");

  // Sent anyway (edited into the request on its way out), the server names the field.
  await fillRound(page, "77");
  await submitEdited(
    page,
    () => page.getByRole("button", { name: "Add round" }).click(),
    (body) => withField(body, "startDate", "2025-02-30"),
  );
  await expect(formError(page)).toBeVisible();
  await expectFieldMessage(firstDay, "That date does not exist.");

  // And over plain HTTP with the editor's session, the same answer.
  await fillRound(page, "77");
  const captured = await interceptAction(page, () => page.getByRole("button", { name: "Add round" }).click());
  const client = await playwrightRequest.newContext({ baseURL: BASE });
  const cookie = await cookieHeader(page);
  for (const [field, bad] of [
    ["startDate", "2025-02-30"],
    ["endDate", "2025-02-30"],
    ["startDate", "2025-13-01"],
    ["endDate", "30/02/2025"],
  ] as const) {
    const text = await (await replay(client, captured, { cookie, body: withField(captured.body, field, bad) })).text();
    expect(text, `${field}=${bad}`).toMatch(new RegExp(`"${field}":\\["(That date does not exist\\.|Use a date like 2020-07-01\\.)"\\]`));
  }

  // An end before the start, typed in the form.
  await fillRound(page, "77");
  await lastDay.fill("2025-02-20");
  await page.getByRole("button", { name: "Add round" }).click();
  await expectFieldMessage(lastDay, "The round cannot end before it starts.");
  await expect(lastDay).toHaveValue("2025-02-20");

  // A round number the agreement already has.
  await fillRound(page, "1");
  await page.getByRole("button", { name: "Add round" }).click();
  await expectFieldMessage(page.getByLabel("Round number"), "Round 1 of this agreement already exists; edit it instead.");

  // An update dated 30 February (the date-time input will not take it either).
  await page.goto("/admin/updates/new");
  await page.getByLabel("Title").fill("An update from a day that does not exist");
  await page.getByLabel("Text").fill("Never saved.");
  await submitEdited(
    page,
    () => page.getByRole("button", { name: "Save" }).click(),
    (body) => withField(body, "postedAt", "2025-02-30T10:00"),
  );
  await expectFieldMessage(page.getByLabel("Date and time (Phnom Penh)"), "Use a real date and time, e.g. 2026-11-21T14:30.");

  expect(await dbFingerprint()).toBe(before);
  await client.dispose();
});

test("an unknown partner code sent in place of a listed one", async ({ page }) => {
  const before = await dbFingerprint();
  await page.goto("/admin/figures/new");
  await page.getByLabel("From month").fill("2019-07");
  await page.getByLabel("To month").fill("2019-07");
  await page.getByLabel("Value", { exact: true }).fill("12.5");
  await submitEdited(
    page,
    () => page.getByRole("button", { name: "Add figure" }).click(),
    (body) => withField(body, "partner", "XYZ"),
  );
  await expect(formError(page)).toHaveText("Nothing was saved: check the fields marked below.");
  await expectFieldMessage(page.getByLabel("Partner"), "Unknown economy code XYZ.");

  // Not three letters at all, over HTTP.
  const captured = await interceptAction(page, () => page.getByRole("button", { name: "Add figure" }).click());
  const client = await playwrightRequest.newContext({ baseURL: BASE });
  const text = await (
    await replay(client, captured, { cookie: await cookieHeader(page), body: withField(captured.body, "partner", "KO<R>") })
  ).text();
  expect(text).toContain('"partner":["Use a three-letter ISO code such as KOR."]');
  expect(await dbFingerprint()).toBe(before);
  await client.dispose();
});

test("a 2 MB summary: the form says so and nothing is written", async ({ page }) => {
  const db = testDb();
  const round = (await db.get(
    "SELECT r.id, r.summary, r.version FROM rounds r JOIN agreements a ON a.id = r.agreement_id WHERE a.slug = 'ckfta' AND r.number = 2",
  )) as {
    id: number;
    summary: string;
    version: number;
  };
  await db.close();
  const before = await dbFingerprint();
  await page.goto(`/admin/rounds/${round.id}`);
  const summary = page.getByLabel("Summary");

  // Over the 20,000-character limit but under Next's 1 MB body limit: the field says so.
  await summary.fill("A long summary. ".repeat(6_250)); // 100,000 characters
  await page.getByRole("button", { name: "Save round" }).click();
  await expectFieldMessage(summary, "The summary is too long (at most 20,000 characters).");

  // 2 MB, pasted: Next refuses the body before the action runs; the form tells the editor.
  const big = "Two megabytes of summary. ".repeat(80_660).slice(0, 2 * 1024 * 1024);
  await summary.evaluate((el: HTMLTextAreaElement, text: string) => {
    el.value = text;
  }, big);
  await page.getByRole("button", { name: "Save round" }).click();
  await expect(formError(page)).toHaveText(
    "The server did not accept the form (it may be over the 1 MB limit, or the connection dropped). Nothing was saved.",
  );
  // Their text is still there to cut down.
  expect(await summary.evaluate((el: HTMLTextAreaElement) => el.value.length)).toBe(big.length);

  // The same body over plain HTTP is refused outright.
  await summary.fill("short");
  const captured = await interceptAction(page, () => page.getByRole("button", { name: "Save round" }).click());
  const client = await playwrightRequest.newContext({ baseURL: BASE });
  const res = await replay(client, captured, { cookie: await cookieHeader(page), body: withField(captured.body, "summary", big) });
  expect(res.status()).toBeGreaterThanOrEqual(400);
  await client.dispose();

  const db2 = testDb();
  expect(await db2.get("SELECT summary, version FROM rounds WHERE id = ?", round.id)).toEqual({
    summary: round.summary,
    version: round.version,
  });
  await db2.close();
  expect(await dbFingerprint()).toBe(before);
});

test("a CSV import with one bad row imports nothing and names the line", async ({ page }) => {
  const before = await dbFingerprint();
  const header = "reporter,partner,period_start,period_end,flow,value,source,note,estimate";
  const good = [header, "KHM,AUS,2019-08,2019-08,exports,1.25,imf-dots,,", "KHM,AUS,2019-08,2019-08,imports,2.5,imf-dots,,"].join("\n");
  const bad = [
    header,
    "KHM,AUS,2019-08,2019-08,exports,1.25,imf-dots,,",
    'KHM,AUS,2019-08,2019-08,imports,"2,5",imf-dots,,',
    "KHM,AUS,2019-09,2019-09,exports,3,imf-dots,,",
  ].join("\n");

  await page.goto("/admin/figures/import");
  await page.getByLabel("Or paste it").fill(bad);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator("[data-preview-status=error]")).toHaveText(
    "1 row(s) have problems; fix them and preview again. Nothing has been imported.",
  );
  await expect(page.locator("[data-import-problems] li")).toHaveCount(1);
  await expect(page.locator('[data-import-problems] li[data-line="3"]')).toHaveText(
    "Line 3: value: Use a dot for decimals and no thousands separators, e.g. 1033.5.",
  );
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);

  // A file that previewed clean, swapped for the bad one on its way to the import: only the text
  // that was previewed is imported, and nothing else is written.
  await page.getByLabel("Or paste it").fill(good);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator("[data-preview-status=ok]")).toHaveText("Ready: 2 new, 0 corrected, 0 unchanged.");
  await submitEdited(
    page,
    () => page.getByRole("button", { name: "Import 2 row(s)" }).click(),
    (body) => withField(body, "csv", bad),
  );
  await expect(page.locator("[data-form-status=error]")).toHaveText(
    "Nothing was imported: the text is not the one last previewed. Preview it, then import.",
  );
  expect(await dbFingerprint()).toBe(before);
  const db = testDb();
  expect(await db.value("SELECT count(*) FROM trade_figures WHERE partner = 'AUS' AND period_start IN ('2019-08', '2019-09')")).toBe(0);
  await db.close();

  // The previewed file itself, sent as it is, goes in whole (a pasted file could not be imported before).
  await page.getByRole("button", { name: "Import 2 row(s)" }).click();
  await expect(page.locator("[data-form-status=ok]")).toContainText("Imported 2 new and 0 corrected figure(s)");
  const db2 = testDb();
  const stored = await db2.all(
    "SELECT flow, value FROM trade_figures WHERE partner = 'AUS' AND period_start = '2019-08' AND derived = false ORDER BY flow",
  );
  await db2.close();
  expect(stored).toEqual([
    { flow: "exports", value: 1_250_000 },
    { flow: "imports", value: 2_500_000 },
  ]);
});
