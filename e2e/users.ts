import { execFileSync } from "node:child_process";
import { type APIRequestContext, type APIResponse, type Page, type Request, type Route } from "@playwright/test";
import { E2E_DATABASE_URL } from "./env";
import { testDb } from "./db";

/** Creates a user through the real CLI, as the README tells a new editor to (password on stdin). */
export async function createUser(email: string, name: string, role: "editor" | "admin", password: string): Promise<void> {
  const db = testDb();
  const exists = await db.get("SELECT 1 FROM users WHERE email = ?", email.toLowerCase());
  await db.close();
  if (exists) return;
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/user-create.ts", "--email", email, "--name", name, "--role", role], {
    input: password,
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    stdio: ["pipe", "pipe", "inherit"],
  });
}

/** The sign-in form's answer when the server is checking as many sign-ins as it will at once. */
export const BUSY = "Many sign-ins are being checked right now. Try again in a moment.";

/**
 * Signs in through the form, as a person would: if the server says it is busy with other sign-ins
 * (a new browser may start only a few password checks a second), waits a second and tries again.
 */
export async function signIn(page: Page, email: string, password: string, callbackUrl = "/admin"): Promise<void> {
  await page.goto(`/admin/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  for (let attempt = 0; ; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.locator("form").getByRole("alert");
    const outcome = await Promise.race([
      page
        .waitForURL((u) => !u.pathname.startsWith("/admin/sign-in"), { timeout: 20_000 })
        .then(
          () => "in",
          () => "unanswered after 20 s",
        ),
      alert
        .filter({ hasText: BUSY })
        .waitFor({ timeout: 20_000 })
        .then(
          () => "busy",
          () => "unanswered after 20 s",
        ),
      // Any other answer (wrong password, locked out) ends here with what the form said.
      alert
        .filter({ hasNotText: BUSY })
        .waitFor({ timeout: 20_000 })
        .then(
          async () => `refused: ${await alert.innerText().catch(() => "?")}`,
          () => "unanswered after 20 s",
        ),
    ]);
    if (outcome === "in") return;
    if (outcome !== "busy") throw new Error(`sign-in of ${email} ${outcome}`);
    if (attempt >= 5) throw new Error(`sign-in of ${email} still busy after ${attempt + 1} tries`);
    await page.waitForTimeout(1000);
  }
}

/**
 * POSTs next-auth's credentials sign-in, waiting and retrying (as Retry-After says) while the server
 * answers 429 "busy": tests that are about something else must not trip over the sign-in rate.
 */
export async function postSignIn(
  client: APIRequestContext,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  for (let attempt = 0; ; attempt++) {
    const res = await client.post("/api/auth/callback/credentials", { form, headers, maxRedirects: 0 });
    if (res.status() !== 429 || attempt >= 5) return res;
    const { error } = (await res.json()) as { error: string };
    if (error !== "busy") return res;
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers()["retry-after"] ?? 1)));
  }
}

const KEEP_HEADERS = ["next-action", "content-type", "accept", "next-router-state-tree"];

/** A server action request exactly as the browser sent it, to replay over plain HTTP. */
export type Captured = { url: string; headers: Record<string, string>; body: string };

export async function captureAction(page: Page, submit: () => Promise<void>): Promise<Captured> {
  const wait = page.waitForRequest((r: Request) => r.method() === "POST" && !!r.headers()["next-action"]);
  await submit();
  const req = await wait;
  const headers = await req.allHeaders();
  const keep: Record<string, string> = {};
  for (const k of KEEP_HEADERS) if (headers[k]) keep[k] = headers[k];
  return { url: req.url(), headers: keep, body: req.postDataBuffer()?.toString("utf8") ?? "" };
}

/**
 * Like captureAction, but the request never reaches the server (it is aborted in the browser), so
 * nothing is written: for capturing an admin's request that a test then replays with other cookies.
 */
export async function interceptAction(page: Page, submit: () => Promise<void>): Promise<Captured> {
  let resolve!: (c: Captured) => void;
  const captured = new Promise<Captured>((r) => (resolve = r));
  const handler = async (route: Route) => {
    const req = route.request();
    if (req.method() !== "POST" || !req.headers()["next-action"]) return route.continue();
    const headers = await req.allHeaders();
    const keep: Record<string, string> = {};
    for (const k of KEEP_HEADERS) if (headers[k]) keep[k] = headers[k];
    resolve({ url: req.url(), headers: keep, body: req.postDataBuffer()?.toString("utf8") ?? "" });
    await route.abort();
  };
  await page.route("**/*", handler);
  await submit();
  const c = await captured;
  await page.unroute("**/*", handler);
  return c;
}

/**
 * Submits a form in the browser but edits the server action's body on the way out, for values
 * the browser's own inputs would not send (2025-02-30 in a date field, an unknown code in a select).
 * The browser then shows the server's answer as a user would see it.
 */
export async function submitEdited(page: Page, submit: () => Promise<void>, edit: (body: string) => string): Promise<void> {
  let done!: () => void;
  const sent = new Promise<void>((r) => (done = r));
  const handler = async (route: Route) => {
    const req = route.request();
    if (req.method() !== "POST" || !req.headers()["next-action"]) return route.continue();
    const body = edit(req.postDataBuffer()?.toString("utf8") ?? "");
    done();
    await route.continue({ postData: Buffer.from(body, "utf8") });
  };
  await page.route("**/*", handler);
  await submit();
  await sent;
  await page.unroute("**/*", handler);
}

/**
 * Sets one field of a captured multipart server-action body. React prefixes form fields with the
 * argument's id ("_1_startDate"), so the prefix is matched too. Throws when the field is missing.
 */
export function withField(body: string, name: string, value: string): string {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const boundary = body.slice(0, body.indexOf("\r\n"));
  const re = new RegExp(`(name="(?:_?\\d+_)?${esc(name)}"\r\n\r\n)[\\s\\S]*?(\r\n${esc(boundary)})`);
  if (!boundary.startsWith("--") || !re.test(body)) throw new Error(`no field ${name} in the captured body`);
  return body.replace(re, (_m, head: string, tail: string) => head + value + tail);
}

export async function replay(request: APIRequestContext, c: Captured, opts: { cookie?: string; body?: string } = {}) {
  return request.post(c.url, {
    headers: { ...c.headers, ...(opts.cookie ? { cookie: opts.cookie } : {}), origin: new URL(c.url).origin },
    data: Buffer.from(opts.body ?? c.body, "utf8"),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

export async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/** A fingerprint of every editable table: any insert, update or delete changes it. */
export async function dbFingerprint(): Promise<string> {
  const db = testDb();
  const parts: string[] = [];
  for (const q of [
    "SELECT count(*) AS n, sum(version) AS v, max(updated_at) AS at FROM rounds",
    "SELECT round_id, source_id, start_date, end_date, preferred FROM round_sources ORDER BY round_id, source_id",
    "SELECT count(*) AS n, sum(version) AS v, max(updated_at) AS at FROM updates",
    "SELECT count(*) AS n, sum(version) AS v, max(updated_at) AS at, sum(value) AS total FROM trade_figures",
    "SELECT count(*) AS n, sum(version) AS v FROM sources",
    "SELECT count(*) AS n, sum(session_version) AS sv, sum(CASE WHEN disabled THEN 1 ELSE 0 END) AS disabled FROM users",
    "SELECT count(*) AS n FROM audit_log",
  ]) {
    parts.push(JSON.stringify(await db.all(q)));
  }
  await db.close();
  return parts.join("|");
}
