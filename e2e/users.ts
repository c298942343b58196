import { execFileSync } from "node:child_process";
import { expect, type APIRequestContext, type Page, type Request } from "@playwright/test";
import { E2E_DATABASE_URL } from "./env";
import { testDb } from "./db";

/** Creates a user through the real CLI, as the README tells a new editor to (password on stdin). */
export function createUser(email: string, name: string, role: "editor" | "admin", password: string): void {
  const db = testDb();
  const exists = db.prepare("SELECT 1 FROM users WHERE email = ?").get(email.toLowerCase());
  db.close();
  if (exists) return;
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/user-create.ts", "--email", email, "--name", name, "--role", role], {
    input: password,
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    stdio: ["pipe", "pipe", "inherit"],
  });
}

export async function signIn(page: Page, email: string, password: string, callbackUrl = "/admin"): Promise<void> {
  await page.goto(`/admin/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/admin\/sign-in/);
}

/** A server action request exactly as the browser sent it, to replay over plain HTTP. */
export type Captured = { url: string; headers: Record<string, string>; body: string };

export async function captureAction(page: Page, submit: () => Promise<void>): Promise<Captured> {
  const wait = page.waitForRequest((r: Request) => r.method() === "POST" && !!r.headers()["next-action"]);
  await submit();
  const req = await wait;
  const headers = await req.allHeaders();
  const keep: Record<string, string> = {};
  for (const k of ["next-action", "content-type", "accept", "next-router-state-tree"]) if (headers[k]) keep[k] = headers[k];
  return { url: req.url(), headers: keep, body: req.postDataBuffer()?.toString("utf8") ?? "" };
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
export function dbFingerprint(): string {
  const db = testDb();
  const parts = [
    "SELECT count(*), total(version), max(updated_at) FROM rounds",
    "SELECT count(*), group_concat(source_id || coalesce(start_date,'') || preferred) FROM round_sources",
    "SELECT count(*), total(version), max(updated_at) FROM updates",
    "SELECT count(*), total(version), max(updated_at), total(value) FROM trade_figures",
    "SELECT count(*), total(version) FROM sources",
    "SELECT count(*), total(session_version), total(disabled) FROM users",
    "SELECT count(*) FROM audit_log",
  ].map((q) => JSON.stringify(db.prepare(q).raw().get()));
  db.close();
  return parts.join("|");
}
