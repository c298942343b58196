/**
 * An editor over plain HTTP: signs in once in Chromium, captures the exact server-action requests
 * the browser sends for "post an update" (dashboard) and "save figure", then replays them with
 * other values. Replays are real POSTs to the running server, answered by the real actions.
 */
import { chromium, type Page } from "@playwright/test";
import { classifyAction, dollarsToMillions, fieldValue, parseMultipart, withFields, type ActionOutcome, type Field } from "./protocol";

type Captured = { path: string; action: string; tree: string; fields: Field[] };

export type Sent = ActionOutcome & { sentAt: number; returnedAt: number; ms: number };

export class Editor {
  constructor(
    private readonly base: string,
    private readonly cookie: string,
    private readonly update: Captured,
    private readonly figures: Map<number, Captured>,
  ) {}

  /** Posts a published update on the CKFTA tracker (the dashboard's quick form). */
  postUpdate(title: string, body: string): Promise<Sent> {
    return this.send(this.update, withFields(this.update.fields, { title, body }));
  }

  /** Saves figure `id` (captured beforehand) at `version` with a new value in whole dollars. */
  saveFigure(id: number, version: number, dollars: number): Promise<Sent> {
    const c = this.figures.get(id);
    if (!c) throw new Error(`figure ${id} was not captured`);
    return this.send(c, withFields(c.fields, { version: String(version), value: dollarsToMillions(dollars) }), /[?&]saved=1/);
  }

  private async send(c: Captured, fields: Field[], redirectOk?: RegExp): Promise<Sent> {
    const form = new FormData();
    for (const [k, v] of fields) form.append(k, v);
    const sentAt = performance.now();
    let outcome: ActionOutcome;
    try {
      const res = await fetch(`${this.base}${c.path}`, {
        method: "POST",
        headers: {
          "next-action": c.action,
          "next-router-state-tree": c.tree,
          accept: "text/x-component",
          origin: this.base,
          cookie: this.cookie,
        },
        body: form,
        redirect: "manual",
        signal: AbortSignal.timeout(30_000),
      });
      // The whole answer must arrive: a connection cut mid-body is not an acknowledgement.
      const text = await res.text();
      outcome = classifyAction(res.status, res.headers.get("x-action-redirect"), text, redirectOk);
    } catch (error) {
      outcome = {
        ok: false,
        kind: "http",
        message: `network: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`,
      };
    }
    const returnedAt = performance.now();
    return { ...outcome, sentAt, returnedAt, ms: returnedAt - sentAt };
  }
}

async function capture(page: Page, submit: () => Promise<void>): Promise<Captured> {
  const wait = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await submit();
  const req = await wait;
  const headers = await req.allHeaders();
  const body = req.postDataBuffer()?.toString("utf8") ?? "";
  const action = headers["next-action"];
  const type = headers["content-type"];
  if (!action || !type) throw new Error("captured request lacks next-action or content-type");
  return {
    path: new URL(req.url()).pathname + new URL(req.url()).search,
    action,
    tree: headers["next-router-state-tree"] ?? "",
    fields: parseMultipart(body, type),
  };
}

/**
 * Signs in as the editor in Chromium, captures one dashboard update and one save of each figure
 * in `figureIds` (unchanged values: a save with the same value is harmless), and returns the editor
 * with the session cookie. The updates and saves made here are real writes.
 */
export async function signInAndCapture(base: string, email: string, password: string, figureIds: number[]): Promise<Editor> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    await page.goto("/admin/sign-in?callbackUrl=%2Fadmin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname === "/admin", { timeout: 30_000 });

    await page.getByLabel("Title").fill("Fault tests: editor signed in");
    await page.getByLabel("Text").fill("Captured to replay over HTTP.");
    const update = await capture(page, () => page.getByRole("button", { name: "Post" }).click());
    await page.getByRole("status").waitFor({ timeout: 30_000 });
    if (fieldValue(update.fields, "status") !== "published" || fieldValue(update.fields, "agreement") !== "ckfta")
      throw new Error("dashboard form defaults changed");

    const figures = new Map<number, Captured>();
    for (const id of figureIds) {
      await page.goto(`/admin/figures/${id}`);
      const c = await capture(page, () => page.getByRole("button", { name: "Save figure" }).click());
      await page.waitForURL(/saved=1/, { timeout: 30_000 });
      figures.set(id, c);
    }
    const cookie = (await context.cookies())
      .filter((c) => c.name.includes("session-token"))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    if (!cookie) throw new Error("no session cookie after sign-in");
    return new Editor(base, cookie, update, figures);
  } finally {
    await browser.close();
  }
}
