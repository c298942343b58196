/**
 * The editors' desk under attack, driven over plain HTTP and in Chromium against the real server:
 * server actions without the right session, script in every editor text field, open redirects
 * through callbackUrl, a parallel password-guessing burst, and the security headers.
 */
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type Page,
} from "@playwright/test";
import { testDb } from "./db";
import { E2E_PORT } from "./env";
import { captureAction, cookieHeader, createUser, dbFingerprint, interceptAction, postSignIn, replay, signIn, withField } from "./users";

const BASE = `http://127.0.0.1:${E2E_PORT}`;
const ADMIN = { email: "sec.admin@example.org", name: "Sreymom Admin", password: "admin passphrase for the security tests" };
const EDITOR = { email: "sec.editor@example.org", name: "Vanna Editor", password: "editor passphrase for the security tests" };
const BOPHA = { email: "sec.bopha@example.org", name: "Bopha Later Disabled", password: "bopha passphrase, soon useless" };
const CHENDA = { email: "sec.chenda@example.org", name: "Chenda Promoted", password: "chenda passphrase for a role change" };

test.beforeAll(async () => {
  await createUser(ADMIN.email, ADMIN.name, "admin", ADMIN.password);
  await createUser(EDITOR.email, EDITOR.name, "editor", EDITOR.password);
});

/**
 * A request context with its own empty cookie jar. (It connects from 127.0.0.1 like the browser;
 * tests that need another client address use e2e/http.ts, since X-Forwarded-For is not trusted.)
 */
function apiClient(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: BASE });
}

async function signedInPage(browser: Browser, user: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user.email, user.password);
  return page;
}

async function userRow(email: string) {
  const db = testDb();
  const row = (await db.get("SELECT id, role, disabled, session_version AS sv FROM users WHERE email = ?", email)) as
    { id: number; role: string; disabled: number; sv: number } | undefined;
  await db.close();
  return row;
}

async function updatesTitled(title: string): Promise<number> {
  const db = testDb();
  const { n } = (await db.get("SELECT count(*) AS n FROM updates WHERE title = ?", title)) as { n: number };
  await db.close();
  return n;
}

/** Fills the dashboard's quick update form; the caller decides how the submit is sent. */
async function fillQuickUpdate(page: Page, title: string) {
  await page.goto("/admin");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Text").fill("Text of a test update.");
  await page.getByLabel("Status").selectOption("draft");
}

const userForm = (page: Page, email: string, what: "Role" | "Access") => page.getByRole("form", { name: `${what} of ${email}` });

test.describe("server actions refuse the wrong session and write nothing", () => {
  test("no session, and an editor calling admin-only actions", async ({ browser }) => {
    await createUser(CHENDA.email, CHENDA.name, "editor", CHENDA.password);
    const admin = await signedInPage(browser, ADMIN);
    const editor = await signedInPage(browser, EDITOR);
    const anonymous = await apiClient();
    const editorCookie = await cookieHeader(editor);
    const adminCookie = await cookieHeader(admin);

    // An editor's save, captured in the browser but never sent.
    const title = "Posted by replay, not by a person";
    await fillQuickUpdate(editor, title);
    const save = await interceptAction(editor, () => editor.getByRole("button", { name: "Post" }).click());

    // The admin's three user actions, captured the same way.
    await admin.goto("/admin/users");
    const newUser = admin.getByRole("form", { name: "New user" });
    await newUser.getByLabel("Email").fill("made.by.replay@example.org");
    await newUser.getByLabel("Name").fill("Made By Replay");
    await newUser.getByLabel("Role").selectOption("admin");
    await newUser.getByLabel("First password (12+ characters)").fill("a password nobody should get");
    const create = await interceptAction(admin, () => newUser.getByRole("button", { name: "Add user" }).click());
    await admin.goto("/admin/users");
    await userForm(admin, EDITOR.email, "Role").getByLabel("Role").selectOption("admin");
    const promote = await interceptAction(admin, () =>
      userForm(admin, EDITOR.email, "Role").getByRole("button", { name: "Change role" }).click(),
    );
    await admin.goto("/admin/users");
    const disable = await interceptAction(admin, () =>
      userForm(admin, CHENDA.email, "Access").getByRole("button", { name: "Disable" }).click(),
    );

    const before = await dbFingerprint();
    const editorBefore = await userRow(EDITOR.email);
    const chendaBefore = await userRow(CHENDA.email);

    // Without a session: every action says so and writes nothing.
    for (const c of [save, create, promote, disable]) {
      const res = await replay(anonymous, c);
      expect(await res.text()).toContain("You are signed out");
    }
    // An editor's own session on admin-only actions: refused by role.
    for (const c of [create, promote, disable]) {
      const res = await replay(anonymous, c, { cookie: editorCookie });
      expect(await res.text()).toContain("Your role does not allow this change.");
    }
    // The editor promoting themself with the admin's form, their own id in the body: still refused.
    const selfPromote = await replay(anonymous, promote, {
      cookie: editorCookie,
      body: withField(promote.body, "id", String(editorBefore!.id)),
    });
    expect(await selfPromote.text()).toContain("Your role does not allow this change.");

    expect(await dbFingerprint()).toBe(before);
    expect(await updatesTitled(title)).toBe(0);
    expect(await userRow("made.by.replay@example.org")).toBeUndefined();
    expect(await userRow(EDITOR.email)).toEqual(editorBefore);
    expect(await userRow(CHENDA.email)).toEqual(chendaBefore);

    // The captured requests are valid ones: with the right session they go through.
    expect(await (await replay(anonymous, save, { cookie: editorCookie })).text()).toContain("Draft saved");
    expect(await updatesTitled(title)).toBe(1);
    await replay(anonymous, create, { cookie: adminCookie });
    expect(await userRow("made.by.replay@example.org")).toMatchObject({ role: "admin", disabled: 0 });
    await Promise.all([admin.context().close(), editor.context().close(), anonymous.dispose()]);
  });

  test("a role change ends the old session at once", async ({ browser }) => {
    await createUser(CHENDA.email, CHENDA.name, "editor", CHENDA.password);
    const chenda = await signedInPage(browser, CHENDA);
    const title = "Chenda's update after her role changed";
    await fillQuickUpdate(chenda, title);
    const save = await interceptAction(chenda, () => chenda.getByRole("button", { name: "Post" }).click());
    const oldCookie = await cookieHeader(chenda);

    const admin = await signedInPage(browser, ADMIN);
    await admin.goto("/admin/users");
    const svBefore = (await userRow(CHENDA.email))!.sv;
    await userForm(admin, CHENDA.email, "Role").getByLabel("Role").selectOption("admin");
    await userForm(admin, CHENDA.email, "Role").getByRole("button", { name: "Change role" }).click();
    await expect(userForm(admin, CHENDA.email, "Role").getByRole("status")).toContainText("sessions have ended");
    expect(await userRow(CHENDA.email)).toMatchObject({ role: "admin", sv: svBefore + 1 });

    // Her open browser is signed out on the next page she opens, even though her role went up.
    for (const path of ["/admin", "/admin/users", "/admin/rounds"]) {
      await chenda.goto(path);
      await expect(chenda).toHaveURL(/\/admin\/sign-in/);
    }
    const client = await apiClient();
    const before = await dbFingerprint();
    expect(await (await replay(client, save, { cookie: oldCookie })).text()).toContain("You are signed out");
    expect(await dbFingerprint()).toBe(before);
    expect(await updatesTitled(title)).toBe(0);
    await Promise.all([admin.context().close(), chenda.context().close(), client.dispose()]);
  });

  test("a disabled user's old session is refused, in the browser and over HTTP", async ({ browser }) => {
    await createUser(BOPHA.email, BOPHA.name, "editor", BOPHA.password);
    const bopha = await signedInPage(browser, BOPHA);
    // A real save of hers, sent and accepted, then captured with her cookies.
    await fillQuickUpdate(bopha, "Bopha's last accepted update");
    const save = await captureAction(bopha, () => bopha.getByRole("button", { name: "Post" }).click());
    await expect(bopha.getByRole("status")).toContainText("Draft saved");
    const cookie = await cookieHeader(bopha);

    const admin = await signedInPage(browser, ADMIN);
    await admin.goto("/admin/users");
    await userForm(admin, BOPHA.email, "Access").getByRole("button", { name: "Disable" }).click();
    await expect(userForm(admin, BOPHA.email, "Access").getByRole("status")).toContainText("User disabled");
    expect(await userRow(BOPHA.email)).toMatchObject({ disabled: 1 });

    const client = await apiClient();
    const before = await dbFingerprint();
    const again = "Bopha's update sent after she was disabled";
    const res = await replay(client, save, { cookie, body: withField(save.body, "title", again) });
    expect(await res.text()).toContain("You are signed out");
    // Her open form fails the same way in the browser, and keeps her text.
    await bopha.getByLabel("Title").fill(again);
    await bopha.getByLabel("Text").fill("Typed before she noticed.");
    await bopha.getByRole("button", { name: "Post" }).click();
    await expect(bopha.locator("[data-form-status=error]")).toContainText("You are signed out");
    await expect(bopha.getByLabel("Title")).toHaveValue(again);
    expect(await dbFingerprint()).toBe(before);
    expect(await updatesTitled(again)).toBe(0);
    await bopha.goto("/admin");
    await expect(bopha).toHaveURL(/\/admin\/sign-in/);

    // She cannot sign in again, and is told exactly what a wrong password is told.
    await bopha.getByLabel("Email").fill(BOPHA.email);
    await bopha.getByLabel("Password").fill(BOPHA.password);
    await bopha.getByRole("button", { name: "Sign in" }).click();
    await expect(bopha.locator("form").getByRole("alert")).toHaveText("That email and password do not match an active account.");
    await Promise.all([admin.context().close(), bopha.context().close(), client.dispose()]);
  });
});

// ---------------------------------------------------------------------------------------------
// Script and HTML in every editor text field.

const MARK = "xssprobe";
/** For one-line fields: an element with a handler, a script, and an attribute breakout. */
const inline = (tag: string) => `${MARK} ${tag} <img src=x onerror=alert(1)><script>alert(2)</script>"'><svg onload=alert(3)>`;
/** For Markdown fields: the same, plus links with schemes that must not survive. */
const markdown = (tag: string) =>
  [
    `${MARK} ${tag} **bold** <img src=x onerror=alert(1)> <script>alert(2)</script>`,
    "",
    "[js-link](javascript:alert(4)) [data-link](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==) [case-link](JaVaScRiPt:alert(6)) <javascript:alert(7)> [ok-link](https://example.org/ok)",
    "",
    '<a href="javascript:alert(8)">raw-link</a> <iframe src="javascript:alert(9)"></iframe>',
  ].join("\n");

const FIELDS = {
  userName: `${MARK} <img src=x onerror=alert(1)><script>alert(2)</script>`,
  host: inline("host"),
  topicA: `${MARK} topic <img src=x onerror=alert(1)>`,
  topicB: `${MARK} topic <script>alert(2)</script>`,
  summary: markdown("summary"),
  updateTitle: inline("title"),
  updateBody: markdown("body"),
  figureNote: inline("figure-note"),
  publisher: inline("publisher"),
  sourceTitle: inline("source-title"),
  sourceNote: inline("source-note"),
  url: `https://example.org/${MARK}?q="><script>alert(2)</script>`,
};
const SHOWN = "<img src=x onerror=alert(1)>"; // must be readable as text wherever a field shows

type Findings = { handlers: string[]; imgX: number; embedded: number; badLinks: string[]; injectedScripts: number; ran: unknown };

/** What would show that markup from a field became live DOM instead of text. */
async function domFindings(page: Page): Promise<Findings> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    const schemeAttr = (el: Element) =>
      ["href", "src", "action", "formaction", "xlink:href"]
        .map((a) => el.getAttribute(a) ?? "")
        .filter((v) => /^\s*(javascript|data|vbscript):/i.test(v));
    return {
      handlers: all.flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName.toLowerCase()}[${a.name}]`),
      ),
      imgX: document.querySelectorAll('img[src="x"]').length,
      embedded: document.querySelectorAll("iframe, object, embed").length,
      // React gives forms bound to server actions this placeholder action; it is not from a field.
      badLinks: [...document.querySelectorAll("a, area, iframe, form, button, use")]
        .flatMap(schemeAttr)
        .filter((v) => v !== "javascript:throw new Error('React form unexpectedly submitted.')"),
      injectedScripts: [...document.scripts].filter((s) => /^\s*alert\(\d\)\s*$/.test(s.textContent ?? "")).length,
      ran: (window as unknown as { __xssRan?: unknown }).__xssRan,
    };
  });
}

const CLEAN: Findings = { handlers: [], imgX: 0, embedded: 0, badLinks: [], injectedScripts: 0, ran: undefined };

test("script and HTML in every editor text field stay text, on admin and public pages", async ({ browser, request }) => {
  test.setTimeout(150_000);
  const dialogs: string[] = [];
  const watch = async (page: Page) => {
    page.on("dialog", (d) => {
      dialogs.push(`${page.url()}: ${d.message()}`);
      void d.dismiss();
    });
    return page;
  };

  // The probe itself notices live markup: the same payload parsed as HTML is caught.
  const probe = await (await browser.newContext()).newPage();
  await probe.setContent(`<p>${FIELDS.host}</p><a href="javascript:alert(4)">x</a>`);
  const caught = await domFindings(probe);
  expect(caught.imgX + caught.handlers.length + caught.injectedScripts + caught.badLinks.length).toBeGreaterThanOrEqual(4);
  await probe.context().close();

  // The admin creates an editor whose name is the payload; that editor writes everything else.
  const admin = await watch(await signedInPage(browser, ADMIN));
  await admin.goto("/admin/users");
  const form = admin.getByRole("form", { name: "New user" });
  const email = "xss.editor@example.org";
  const password = "xss editor passphrase here";
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill(FIELDS.userName);
  await form.getByLabel("First password (12+ characters)").fill(password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(admin.locator(`[data-user="${email}"]`)).toContainText(FIELDS.userName);
  const ed = await watch(await signedInPage(browser, { email, password }));

  // A source: a javascript: address is refused next to the field; an odd https one is kept as text.
  await ed.goto("/admin/sources/new");
  await ed.getByLabel("Id (used in links)").fill("xss-probe-source");
  await ed.getByLabel("Publisher").fill(FIELDS.publisher);
  await ed.getByLabel("Published on").fill("2026-11-01");
  await ed.getByLabel("Title", { exact: true }).fill(FIELDS.sourceTitle);
  await ed.getByLabel("Note (optional)").fill(FIELDS.sourceNote);
  await ed.getByLabel("Address (optional)").fill("javascript:alert(1)");
  await ed.getByRole("button", { name: "Add source" }).click();
  await expect(ed.getByLabel("Address (optional)")).toHaveAccessibleDescription("Use a full https:// address.");
  await ed.getByLabel("Address (optional)").fill(FIELDS.url);
  await ed.getByRole("button", { name: "Add source" }).click();
  await expect(ed.getByRole("status")).toContainText("Saved");

  // A round on the CKFTA with the payload in host, topics and summary, its dates from that source.
  await ed.goto("/admin/rounds/new?agreement=ckfta");
  await ed.getByLabel("Round number").fill("90");
  await ed.getByLabel("First day").fill("2026-12-01");
  await ed.getByLabel("Last day").fill("2026-12-02");
  await ed.getByLabel("Host city or venue (optional)").fill(FIELDS.host);
  await ed.getByLabel("Topics and chapters").fill(`${FIELDS.topicA}, ${FIELDS.topicB}`);
  await ed.getByLabel("Summary").fill(FIELDS.summary);
  await ed.locator('input[name="sources"][value="xss-probe-source"]').check();
  await ed.getByRole("button", { name: "Add round" }).click();
  await expect(ed.getByRole("status")).toContainText("Saved");
  const roundUrl = ed.url();

  // A published update on that round, citing the source.
  await ed.goto("/admin/updates/new");
  await ed.getByLabel("Round (optional)").fill("90");
  await ed.getByLabel("Title").fill(FIELDS.updateTitle);
  await ed.getByLabel("Text").fill(FIELDS.updateBody);
  await ed.getByLabel("Status").selectOption("published");
  await ed.getByLabel("Source (optional)").selectOption("xss-probe-source");
  await ed.getByRole("button", { name: "Save" }).click();
  await expect(ed.getByRole("status")).toContainText("Saved");
  const updateUrl = ed.url();

  // A figure from that source with the payload in its note.
  await ed.goto("/admin/figures/new");
  await ed.getByLabel("Partner").selectOption("AUS");
  await ed.getByLabel("From month").fill("2019-05");
  await ed.getByLabel("To month").fill("2019-05");
  await ed.getByLabel("Value", { exact: true }).fill("1.5");
  await ed.getByLabel("Source").selectOption("xss-probe-source");
  await ed.getByLabel("Note (optional)").fill(FIELDS.figureNote);
  await ed.getByRole("button", { name: "Add figure" }).click();
  await expect(ed.getByRole("status")).toContainText("Saved");
  const figureId = Number(/\/admin\/figures\/(\d+)/.exec(ed.url())![1]);

  // Every value is stored exactly as typed: it is the rendering that must keep it inert.
  const db = testDb();
  expect(await db.value("SELECT name FROM users WHERE email = ?", email)).toBe(FIELDS.userName);
  expect(await db.value("SELECT host FROM rounds WHERE number = 90")).toBe(FIELDS.host);
  expect(await db.value("SELECT url FROM sources WHERE id = 'xss-probe-source'")).toBe(FIELDS.url);
  await db.close();

  const check = async (page: Page, path: string, texts: string[]) => {
    await expect(async () => {
      await page.goto(path);
      for (const t of texts)
        await expect(page.getByText(t, { exact: false }).first(), `${path} shows ${t} as text`).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    expect(await domFindings(page), path).toEqual(CLEAN);
  };
  const neutralLinks = async (page: Page, path: string) => {
    // Neutralised Markdown links are plain text; the https one is a real link.
    for (const name of ["js-link", "data-link", "case-link", "raw-link"]) {
      await expect(page.getByText(name).first(), `${path}: ${name} is text`).toBeVisible();
      await expect(page.getByRole("link", { name, exact: true }), `${path}: ${name} is not a link`).toHaveCount(0);
    }
    await expect(page.getByRole("link", { name: "ok-link" }).first()).toHaveAttribute("href", "https://example.org/ok");
  };

  // Admin pages, as the payload-named editor and as the admin.
  await check(ed, "/admin", [FIELDS.userName, SHOWN]);
  await check(ed, "/admin/audit", [FIELDS.userName]);
  const roundId = /\/admin\/rounds\/(\d+)/.exec(roundUrl)![1];
  const audited = ed.locator(`[data-audit-entity="round"][data-audit-id="${roundId}"]`);
  await audited.locator("summary").click();
  await expect(audited.getByText(`host: ${MARK} host <img src=x onerror=alert(1)>`)).toBeVisible();
  expect(await domFindings(ed), "/admin/audit, details open").toEqual(CLEAN);
  await check(ed, "/admin/updates", [`${MARK} title`]);
  await check(ed, "/admin/sources", [`${MARK} publisher`]);
  await check(ed, new URL(roundUrl).pathname, []);
  await expect(ed.getByLabel("Summary")).toHaveValue(FIELDS.summary);
  await expect(ed.getByLabel("Host city or venue (optional)")).toHaveValue(FIELDS.host);
  await check(ed, new URL(updateUrl).pathname, []);
  await expect(ed.getByLabel("Title")).toHaveValue(FIELDS.updateTitle);
  await check(ed, `/admin/figures/${figureId}`, []);
  await expect(ed.getByLabel("Note (optional)")).toHaveValue(FIELDS.figureNote);
  await check(ed, "/admin/sources/xss-probe-source", []);
  await expect(ed.getByLabel("Address (optional)")).toHaveValue(FIELDS.url);
  await check(admin, "/admin/users", [FIELDS.userName]);

  // Public pages, as a reader.
  const reader = await watch(await (await browser.newContext()).newPage());
  await check(reader, "/agreements/ckfta", [
    `${MARK} host`,
    `${MARK} topic`,
    `${MARK} summary`,
    `${MARK} title`,
    `${MARK} body`,
    `${MARK} publisher`,
    SHOWN,
  ]);
  await neutralLinks(reader, "/agreements/ckfta");
  await check(reader, "/", [`${MARK} title`, `${MARK} body`, `${MARK} host`]);
  await neutralLinks(reader, "/");
  await check(reader, "/sources/xss-probe-source", [
    `${MARK} source-title`,
    `${MARK} publisher`,
    `${MARK} source-note`,
    `${MARK} figure-note`,
    FIELDS.url,
  ]);
  await expect(reader.getByRole("link", { name: FIELDS.url })).toHaveAttribute("href", FIELDS.url);
  await check(reader, `/figures/${figureId}`, [`${MARK} figure-note`]);
  await check(reader, `/search?q=${MARK}`, [`${MARK} title`]);
  await expect(reader.locator("[data-search-hit]")).not.toHaveCount(0);

  // The feed is XML: the payload may only appear escaped in it.
  const feed = await (await request.get("/feed.xml")).text();
  expect(feed).not.toContain("<script>alert");
  expect(feed).not.toContain("<img src=x");

  expect(dialogs).toEqual([]);
  await Promise.all([admin.context().close(), ed.context().close(), reader.context().close()]);
});

test("a feed keeps editors' text inside its CDATA, whatever ]]> they type, and runs nothing", async ({ browser, request }) => {
  const ed = await signedInPage(browser, EDITOR);
  const title = "Talks resume ]]> twice ]]><script>alert(1)</script>";
  await ed.goto("/admin/updates/new");
  await ed.getByLabel("Title").fill(title);
  await ed.getByLabel("Text").fill("First ]]> then **again** ]]><img src=x onerror=alert(2)> and [a link](https://example.org/x) ]]>");
  await ed.getByLabel("Status").selectOption("published");
  await ed.getByRole("button", { name: "Save" }).click();
  await expect(ed.getByRole("status")).toContainText("Saved");
  await ed.context().close();

  for (const path of ["/agreements/ckfta/feed.xml", "/feed.xml", "/topics/korea/feed.xml"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    if (path !== "/agreements/ckfta/feed.xml") continue;
    const xml = await res.text();
    const items = [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1]!);
    const ours = items.find((i) => i.includes("Talks resume"));
    expect(ours, "the update is in the agreement's feed").toBeTruthy();
    for (const tag of ["title", "description"]) {
      const inner = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(ours!)![1]!;
      // Nothing outside the CDATA sections: no markup escaped from them.
      expect(inner.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ""), tag).toBe("");
    }
    expect(ours).toContain("First ]] > then again ]] > and a link ]] >");
    expect(ours).not.toContain("<img");
  }
});

// ---------------------------------------------------------------------------------------------
// Sign-in: no open redirect, one answer for every failure, and a throttle that holds.

const offSite = [
  "https://elsewhere.example",
  "//elsewhere.example",
  "/\\elsewhere.example",
  "javascript:alert(1)",
  "https://elsewhere.example/admin",
];

function expectOnSite(location: string | undefined, what: string) {
  expect(location, what).toBeTruthy();
  expect(new URL(location!, BASE).origin, `${what}: ${location}`).toBe(BASE);
}

test("callbackUrl never leads off the site", async ({ browser }) => {
  test.setTimeout(90_000);
  for (const callbackUrl of offSite) {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("dialog", (d) => {
      throw new Error(`dialog ${d.message()} after sign-in with callbackUrl ${callbackUrl}`);
    });
    await signIn(page, EDITOR.email, EDITOR.password, callbackUrl);
    expect(new URL(page.url()).origin, callbackUrl).toBe(BASE);
    await expect(page).toHaveURL(`${BASE}/admin`);
    await context.close();
  }

  // next-auth's own endpoints, spoken to directly.
  const client = await apiClient();
  for (const callbackUrl of offSite) {
    const signinPage = await client.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0 });
    expectOnSite(signinPage.headers()["location"], `GET /api/auth/signin?callbackUrl=${callbackUrl}`);
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await postSignIn(client, { csrfToken, email: EDITOR.email, password: EDITOR.password, callbackUrl });
    expect(res.status()).toBe(302);
    expectOnSite(res.headers()["location"], `POST /api/auth/callback/credentials callbackUrl=${callbackUrl}`);
    const out = await client.post("/api/auth/signout", { form: { csrfToken, callbackUrl }, maxRedirects: 0 });
    expectOnSite(out.headers()["location"], `POST /api/auth/signout callbackUrl=${callbackUrl}`);
  }
  // A forged callback-url cookie is no better.
  const forged = await playwrightRequest.newContext({ baseURL: BASE });
  const { csrfToken } = (await (await forged.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const cookies = (await forged.storageState()).cookies.map((c) => `${c.name}=${c.value}`);
  const res = await postSignIn(
    forged,
    { csrfToken, email: EDITOR.email, password: EDITOR.password },
    { cookie: [...cookies, "authjs.callback-url=https%3A%2F%2Felsewhere.example"].join("; ") },
  );
  expectOnSite(res.headers()["location"], "forged authjs.callback-url cookie");
  await Promise.all([client.dispose(), forged.dispose()]);
});

async function credentialsPost(client: APIRequestContext, email: string, password: string): Promise<APIResponse> {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return postSignIn(client, { csrfToken, email, password, callbackUrl: "/admin" });
}

/** "credentials", "signed-in" (from where next-auth sends the browser), or "throttled" or "busy" (429). */
async function outcome(res: APIResponse): Promise<string> {
  if (res.status() === 429) return ((await res.json()) as { error: string }).error;
  const location = res.headers()["location"] ?? "";
  const code = new URL(location, BASE).searchParams.get("code");
  if (code) return code;
  const session = res.headersArray().some((h) => h.name.toLowerCase() === "set-cookie" && /authjs\.session-token=[^;]+/.test(h.value));
  return session ? "signed-in" : `unexpected ${res.status()} ${location}`;
}

test("an unknown email and a wrong password get the same answer", async ({ browser }) => {
  const client = await apiClient();
  const wrong = await credentialsPost(client, EDITOR.email, "not the editor's password");
  const unknown = await credentialsPost(client, "nobody.here@example.org", "not the editor's password");
  expect(await outcome(wrong)).toBe("credentials");
  expect([unknown.status(), unknown.headers()["location"]]).toEqual([wrong.status(), wrong.headers()["location"]]);
  await client.dispose();

  // And on the sign-in page, word for word.
  const page = await (await browser.newContext()).newPage();
  const messages: string[] = [];
  for (const email of [EDITOR.email, "nobody.here@example.org"]) {
    await page.goto("/admin/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the editor's password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.locator("form").getByRole("alert");
    await expect(alert).toBeVisible();
    messages.push((await alert.textContent()) ?? "");
  }
  expect(messages[0]).toBe("That email and password do not match an active account.");
  expect(messages[1]).toBe(messages[0]);
  await page.context().close();
});

test("the throttle holds under 50 parallel wrong passwords", async () => {
  const victim = { email: "throttle.target@example.org", password: "the right password for this account" };
  await createUser(victim.email, "Throttle Target", "editor", victim.password);
  const client = await apiClient();
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const post = (password: string) =>
    client.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: victim.email, password, callbackUrl: "/admin" },
      maxRedirects: 0,
    });
  const answers = await Promise.all(
    (await Promise.all(Array.from({ length: 50 }, (_, i) => post(`wrong guess number ${i}`)))).map(outcome),
  );
  const counts = answers.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a]: (acc[a] ?? 0) + 1 }), {});
  console.log(`50 parallel wrong passwords: ${JSON.stringify(counts)}`);
  // Checked and wrong, refused for the account, or refused because every password-check slot was busy (429).
  expect(Object.keys(counts).every((k) => ["credentials", "throttled", "busy"].includes(k))).toBe(true);
  expect(counts.credentials ?? 0).toBeGreaterThan(0);
  // Keep guessing one at a time (waiting out "busy") until the account refuses: never more than the five free tries.
  for (let i = 0; i < 10 && answers.at(-1) !== "throttled"; i++) {
    answers.push(
      await outcome(await postSignIn(client, { csrfToken, email: victim.email, password: `slow guess ${i}`, callbackUrl: "/admin" })),
    );
  }
  expect(answers.at(-1)).toBe("throttled");

  const db = testDb();
  const rows = (await db.all("SELECT success FROM login_attempts WHERE email = ?", victim.email)) as { success: number }[];
  await db.close();
  // Only attempts that were let through are recorded, each before its password was checked.
  expect(rows.length).toBe(answers.filter((a) => a === "credentials").length);
  expect(rows.length).toBe(5);
  expect(rows.every((r) => r.success === 0)).toBe(true);

  // The right password straight after is refused too, and gets no session.
  const right = await postSignIn(client, { csrfToken, email: victim.email, password: victim.password, callbackUrl: "/admin" });
  expect(await outcome(right)).toBe("throttled");
  expect(right.headers()["retry-after"]).toMatch(/^\d+$/);
  const db2 = testDb();
  expect(await db2.value("SELECT count(*) FROM login_attempts WHERE email = ? AND success = true", victim.email)).toBe(0);
  await db2.close();
  await client.dispose();
});

// ---------------------------------------------------------------------------------------------
// Headers.

function cspDirectives(csp: string | undefined): Map<string, string> {
  expect(csp, "a Content-Security-Policy header").toBeTruthy();
  return new Map(
    csp!
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d] as const),
  );
}

test("security headers on admin and public responses", async ({ browser, request }) => {
  const admin = await signedInPage(browser, ADMIN);
  const cookie = await cookieHeader(admin);
  for (const [path, headers] of [
    ["/admin/sign-in", {}],
    ["/admin", { cookie }],
    ["/admin/rounds", { cookie }],
    ["/admin/users", { cookie }],
  ] as const) {
    const res = await request.get(path, { headers, maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    const h = res.headers();
    expect(h["cache-control"], path).toMatch(/private/);
    expect(h["cache-control"], path).toMatch(/no-store/);
    const csp = cspDirectives(h["content-security-policy"]);
    expect(csp.get("script-src"), path).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(h["content-security-policy"], path).not.toContain("unsafe-eval");
    expect(csp.get("script-src"), path).not.toContain("'unsafe-inline'");
    expect(csp.get("frame-ancestors"), path).toBe("frame-ancestors 'none'");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBeTruthy();
    expect(h["x-powered-by"], path).toBeUndefined();
  }
  // Each admin response has its own nonce.
  const n1 = (await request.get("/admin/sign-in")).headers()["content-security-policy"];
  const n2 = (await request.get("/admin/sign-in")).headers()["content-security-policy"];
  expect(n1).not.toBe(n2);
  await admin.context().close();

  for (const path of [
    "/",
    "/agreements/ckfta",
    "/articles/ckfta-explainer",
    "/partners/KOR",
    "/sources/imf-dots",
    "/search?q=rules",
    "/feed.xml",
    "/api/live?agreement=ckfta",
    "/no-such-page",
  ]) {
    const res = await request.get(path);
    const h = res.headers();
    const csp = cspDirectives(h["content-security-policy"]);
    expect(h["content-security-policy"], path).not.toContain("unsafe-eval");
    expect(csp.get("frame-ancestors"), path).toBe("frame-ancestors 'none'");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(h["x-powered-by"], path).toBeUndefined();
  }
});

test("embeds may be framed by other sites", async ({ request }) => {
  const db = testDb();
  const id = (await db.value("SELECT id FROM trade_figures WHERE preferred = true ORDER BY id LIMIT 1")) as number;
  await db.close();
  // A missing embed route is a failure, not a reason to skip: other sites' pages would show an error.
  const res = await request.get(`/embed/figure/${id}`);
  expect(res.status()).toBe(200);
  const h = res.headers();
  const csp = cspDirectives(h["content-security-policy"]);
  expect(csp.get("frame-ancestors")).not.toContain("'none'");
  expect(h["content-security-policy"]).not.toContain("unsafe-eval");
  expect(h["x-frame-options"]).toBeUndefined();
  expect(h["x-content-type-options"]).toBe("nosniff");
});
