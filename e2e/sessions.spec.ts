/**
 * Sessions that end when they should, and a sign-in strangers cannot abuse (issue 11), driven as
 * an attacker would: plain HTTP from other loopback addresses, replayed cookies and actions, and
 * Chromium for the editors' own browsers.
 */
import { expect, request as playwrightRequest, test, type Browser, type Page } from "@playwright/test";
import { testDb } from "./db";
import { openRawSql } from "../test/support/raw-sql";
import { E2E_DATABASE_URL, E2E_PORT } from "./env";
import { HttpClient } from "./http";
import { BUSY, cookieHeader, createUser, dbFingerprint, interceptAction, replay, signIn } from "./users";

const BASE = `http://127.0.0.1:${E2E_PORT}`;
const ADMIN = { email: "sess.admin@example.org", name: "Sophea Session Admin", password: "admin passphrase for the session tests" };
const SOKHA = { email: "sess.sokha@example.org", name: "Sokha Signs Out", password: "sokha passphrase for sign-out tests" };
const RITHY = { email: "sess.rithy@example.org", name: "Rithy Two Laptops", password: "rithy passphrase for two laptops" };
const NARY = { email: "sess.nary@example.org", name: "Nary Trusted Browser", password: "nary passphrase, the right one" };
const VUTHY = { email: "sess.vuthy@example.org", name: "Vuthy Lost Laptop", password: "vuthy passphrase for a lost laptop" };

test.beforeAll(async () => {
  for (const u of [SOKHA, RITHY, NARY, VUTHY]) await createUser(u.email, u.name, "editor", u.password);
  await createUser(ADMIN.email, ADMIN.name, "admin", ADMIN.password);
});

async function signedInPage(browser: Browser, user: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user.email, user.password);
  return page;
}

const sessionRows = async (email: string) => {
  const db = testDb();
  const rows = (await db.all(
    'SELECT s.id, s.created_at AS "createdAt", s.expires_at AS "expiresAt", s.ended_at AS "endedAt", s.end_reason AS "endReason", s.ip FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ? ORDER BY s.id',
    email,
  )) as { id: number; createdAt: string; expiresAt: string; endedAt: string | null; endReason: string | null; ip: string }[];
  await db.close();
  return rows;
};

const attemptsFrom = async (ip: string) => {
  const db = testDb();
  const rows = (await db.all("SELECT email, ip, success, device FROM login_attempts WHERE ip = ? ORDER BY id", ip)) as {
    email: string;
    ip: string;
    success: number;
    device: string | null;
  }[];
  await db.close();
  return rows;
};

/** GET a page with exactly these cookies, no redirects followed. */
async function getWithCookie(path: string, cookie: string) {
  const client = await playwrightRequest.newContext({ baseURL: BASE });
  const res = await client.get(path, { headers: { cookie }, maxRedirects: 0 });
  const out = {
    status: res.status(),
    location: res.headers()["location"] ?? "",
    setCookies: res
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie")
      .map((h) => h.value),
  };
  await client.dispose();
  return out;
}

test("a copied session cookie stops working when its owner signs out; the owner's other devices stay signed in", async ({ browser }) => {
  const laptop = await signedInPage(browser, SOKHA);
  const phone = await signedInPage(browser, SOKHA);
  // What an attacker copies from the laptop: its cookies, and one of its server actions.
  const copied = await cookieHeader(laptop);
  await laptop.goto("/admin");
  await laptop.getByLabel("Title").fill("Sent with a copied cookie");
  await laptop.getByLabel("Text").fill("Should never be saved.");
  await laptop.getByLabel("Status").selectOption("draft");
  const save = await interceptAction(laptop, () => laptop.getByRole("button", { name: "Post" }).click());
  expect((await getWithCookie("/admin", copied)).status).toBe(200);

  await laptop.goto("/admin");
  await laptop.getByRole("button", { name: "Sign out" }).click();
  await expect(laptop).toHaveURL(/\/admin\/sign-in\?signedOut=1/);
  const rows = await sessionRows(SOKHA.email);
  expect(rows.map((r) => r.endReason)).toEqual(["signed out", null]);

  // The copied cookie now leads to the sign-in page, on every admin page, and its actions write nothing.
  for (const path of ["/admin", "/admin/rounds", "/admin/audit"]) {
    const res = await getWithCookie(path, copied);
    expect(res.status, path).toBe(307);
    expect(res.location, path).toMatch(/^\/admin\/sign-in\?callbackUrl=/);
  }
  const before = await dbFingerprint();
  const client = await playwrightRequest.newContext({ baseURL: BASE });
  expect(await (await replay(client, save, { cookie: copied })).text()).toContain("You are signed out");
  await client.dispose();
  expect(await dbFingerprint()).toBe(before);

  // Sign-out ended that session only: the phone is still signed in.
  await phone.goto("/admin");
  await expect(phone.locator("[data-user-role=editor]")).toBeVisible();
  await Promise.all([laptop.context().close(), phone.context().close()]);
});

test("the session endpoint neither extends nor re-issues the cookie, and no page moves the expiry", async ({ browser }) => {
  const page = await signedInPage(browser, RITHY);
  const cookie = await cookieHeader(page);
  const [session] = (await sessionRows(RITHY.email)).filter((r) => !r.endedAt);
  expect(Date.parse(session!.expiresAt) - Date.parse(session!.createdAt)).toBe(8 * 3_600_000);
  const tokenCookie = (await page.context().cookies()).find((c) => c.name === "authjs.session-token")!;
  // The cookie itself expires with the session (to the second), not later.
  expect(Math.abs(tokenCookie.expires * 1000 - Date.parse(session!.expiresAt))).toBeLessThan(2000);

  for (const method of ["GET", "POST"] as const) {
    const client = await playwrightRequest.newContext({ baseURL: BASE });
    const res =
      method === "GET"
        ? await client.get("/api/auth/session", { headers: { cookie } })
        : await client.post("/api/auth/session", { headers: { cookie, "content-type": "application/json" }, data: { data: {} } });
    expect(res.status(), method).toBe(404);
    expect(
      res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie"),
      method,
    ).toEqual([]);
    await client.dispose();
  }
  // Using the desk re-issues nothing either, and the row's expiry stays where sign-in put it.
  for (const path of ["/admin", "/admin/rounds", "/admin/updates"]) {
    const res = await getWithCookie(path, cookie);
    expect(res.status, path).toBe(200);
    expect(
      res.setCookies.filter((c) => c.startsWith("authjs.session-token")),
      path,
    ).toEqual([]);
  }
  expect((await sessionRows(RITHY.email)).find((r) => r.id === session!.id)?.expiresAt).toBe(session!.expiresAt);

  // When the clock passes the absolute lifetime, the cookie is refused, however recently it was used.
  // (The test moves the row's expiry into the past instead of waiting eight hours.)
  const db = openRawSql(E2E_DATABASE_URL, { write: true });
  const signedInAt = Date.now() - 8 * 3_600_000 - 1000;
  await db.run(
    "UPDATE sessions SET created_at = ?, last_seen_at = ?, expires_at = ? WHERE id = ?",
    new Date(signedInAt).toISOString(),
    new Date(Date.now() - 60_000).toISOString(),
    new Date(signedInAt + 8 * 3_600_000).toISOString(),
    session!.id,
  );
  await db.close();
  const after = await getWithCookie("/admin", cookie);
  expect(after.status).toBe(307);
  expect(after.location).toMatch(/^\/admin\/sign-in/);
  await page.context().close();
});

test("a spoofed X-Forwarded-For does not change the address bucket", async () => {
  // Twenty checked wrong passwords at the default two checks a second for untrusted browsers.
  test.setTimeout(90_000);
  // 25 wrong passwords for 25 made-up accounts, each claiming another address: without
  // TRUST_PROXY_HOPS the header is ignored, all 25 come from 127.0.0.21, and the address limit holds.
  const attacker = new HttpClient("127.0.0.21");
  const outcomes: string[] = [];
  for (let i = 0; i < 25; i++) {
    const r = await attacker.signIn(`nobody${i}@spray.example`, "Winter2026!", {
      "x-forwarded-for": `203.0.113.${i + 1}`,
      "x-real-ip": `198.51.100.${i + 1}`,
    });
    outcomes.push(r.outcome);
  }
  expect(outcomes.slice(0, 20)).toEqual(Array(20).fill("credentials"));
  expect(outcomes.slice(20)).toEqual(Array(5).fill("throttled"));
  const recorded = await attemptsFrom("127.0.0.21");
  expect(recorded).toHaveLength(20);
  expect(new Set(recorded.map((r) => r.ip))).toEqual(new Set(["127.0.0.21"]));
  const db = testDb();
  expect(await db.value("SELECT count(*) FROM login_attempts WHERE ip LIKE '203.0.113.%' OR ip LIKE '198.51.100.%'")).toBe(0);
  await db.close();
  // The 429 says when to come back.
  const refused = await attacker.signIn("nobody99@spray.example", "Winter2026!");
  expect(refused.status).toBe(429);
  expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  // Another client, from another socket address, is in its own bucket.
  expect((await new HttpClient("127.0.0.22").signIn("nobody0@spray.example", "Winter2026!")).outcome).toBe("credentials");
});

test("after a stranger's six failures, the editor signs in from their trusted browser at once", async ({ browser }) => {
  // Nary has signed in from this browser before: it carries a device cookie for her account.
  const context = await browser.newContext();
  const mine = await context.newPage();
  await signIn(mine, NARY.email, NARY.password);
  expect((await context.cookies()).map((c) => c.name)).toContain("ctm-device");
  await mine.getByRole("button", { name: "Sign out" }).click();
  await expect(mine).toHaveURL(/signedOut=1/);

  // A stranger who knows her email tries six passwords, from another address.
  const stranger = new HttpClient("127.0.0.31");
  const tries: string[] = [];
  for (let i = 0; i < 6; i++) tries.push((await stranger.signIn(NARY.email, `guess number ${i}`)).outcome);
  expect(tries).toEqual(["credentials", "credentials", "credentials", "credentials", "credentials", "throttled"]);
  // Untrusted browsers are locked out of her account now, even with the right password...
  expect((await new HttpClient("127.0.0.32").signIn(NARY.email, NARY.password)).outcome).toBe("throttled");
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto("/admin/sign-in");
  await fresh.getByLabel("Email").fill(NARY.email);
  await fresh.getByLabel("Password").fill(NARY.password);
  await fresh.getByRole("button", { name: "Sign in" }).click();
  await expect(fresh.locator("form").getByRole("alert")).toContainText("Too many attempts");

  // ...but her own browser signs in at once.
  const started = performance.now();
  await signIn(mine, NARY.email, NARY.password);
  await expect(mine).toHaveURL(`${BASE}/admin`);
  console.log(`trusted browser signed in ${(performance.now() - started).toFixed(0)} ms after the stranger was locked out`);
  const last = (await sessionRows(NARY.email)).at(-1)!;
  expect(last.endedAt).toBeNull();
  // The audit log has the throttle and her sign-in from a trusted device.
  const db = testDb();
  const audit = (await db.all(
    "SELECT action, entity, entity_id AS \"entityId\", after FROM audit_log WHERE (entity = 'sign-in' AND entity_id LIKE ?) OR (entity = 'session' AND entity_id = ?) ORDER BY id",
    `${NARY.email}%`,
    String(last.id),
  )) as { action: string; entity: string; entityId: string; after: string }[];
  await db.close();
  expect(audit.map((a) => a.action)).toEqual(["throttle", "sign in"]);
  expect(JSON.parse(audit[1]!.after)).toMatchObject({ trustedDevice: true });
  await Promise.all([context.close(), fresh.context().close()]);
});

test("admins see a user's open sessions and end one; only admins see sign-ins in the audit log", async ({ browser }) => {
  const first = await signedInPage(browser, VUTHY);
  const second = await signedInPage(browser, VUTHY);
  const admin = await signedInPage(browser, ADMIN);
  await admin.goto("/admin/users");
  const list = admin.getByRole("region", { name: `Open sessions of ${VUTHY.email}` });
  const open = (await sessionRows(VUTHY.email)).filter((r) => !r.endedAt);
  await expect(list.getByRole("heading")).toHaveText(`${open.length} open sessions`);
  const newest = list.locator(`[data-session="${open.at(-1)!.id}"]`);
  await expect(newest).toContainText(/Chrome on \w+ from 127\.0\.0\.1/);
  await expect(newest).toContainText(/signed in .+ · last seen .+ · ends /);

  // End the first browser's session (the older of the two just made).
  const target = open.at(-2)!;
  await list
    .getByRole("form", { name: `End session ${target.id} of ${VUTHY.email}` })
    .getByRole("button", { name: "End session" })
    .click();
  await expect(list.getByRole("form", { name: `End session ${target.id} of ${VUTHY.email}` }).getByRole("status")).toContainText(
    "Session ended.",
  );
  expect((await sessionRows(VUTHY.email)).find((r) => r.id === target.id)?.endReason).toBe("ended by an admin");
  await first.goto("/admin");
  await expect(first).toHaveURL(/\/admin\/sign-in/);
  await second.goto("/admin");
  await expect(second.locator("[data-user-role=editor]")).toBeVisible();

  // The admin's audit log has the sign-ins and the ended session; an editor's has neither.
  await admin.goto("/admin/audit");
  await expect(admin.locator(`[data-audit-entity="session"][data-audit-id="${target.id}"][data-audit-action="end session"]`)).toHaveCount(
    1,
  );
  await expect(admin.locator(`[data-audit-entity="session"][data-audit-action="sign in"]`).first()).toBeVisible();
  await second.goto("/admin/audit");
  await expect(second.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(second.locator('[data-audit-entity="session"], [data-audit-entity="sign-in"], [data-audit-entity="user"]')).toHaveCount(0);
  await Promise.all([first.context().close(), second.context().close(), admin.context().close()]);
});

test("sign-ins beyond what the server checks at once are answered 429 at once, and the desk's form says to try again", async ({
  browser,
}) => {
  // Ten at once to the desk's sign-in form (a server action): one goes in, the rest are refused
  // before Next, each with Retry-After and the text React shows for a refused action.
  const flood = new HttpClient("127.0.0.71");
  const answers = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      flood.send("POST", "/admin/sign-in", {
        headers: { "next-action": "0".repeat(40), accept: "text/x-component" },
        form: { email: `f${i}@flood.example`, password: "x" },
      }),
    ),
  );
  const refused = answers.filter((a) => a.status === 429);
  expect(refused.length).toBeGreaterThanOrEqual(5);
  for (const a of refused) {
    expect(a.headers["content-type"]).toBe("text/plain");
    expect(a.body).toBe(BUSY);
    expect(Number(a.headers["retry-after"])).toBeGreaterThan(0);
  }
  // The browser shows that text instead of failing, and keeps the email typed.
  const page = await (await browser.newContext()).newPage();
  await page.goto("/admin/sign-in");
  await page.route("**/admin/sign-in", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({ status: 429, headers: { "content-type": "text/plain", "retry-after": "1" }, body: BUSY })
      : route.continue(),
  );
  await page.getByLabel("Email").fill(NARY.email);
  await page.getByLabel("Password").fill("whatever it is");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(BUSY);
  await expect(page.getByLabel("Email")).toHaveValue(NARY.email);
  await page.context().close();
});
