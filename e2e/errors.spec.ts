import { expect, test } from "@playwright/test";
import { createUser, signIn } from "./users";

/**
 * Pages that do not exist, as readers and editors meet them. A server error's page and its log
 * line are checked by the fault tests (test/faults/run.ts, "error"), which can break the database
 * under a server of their own and read its log.
 */

const EDITOR = { email: "lost.editor@example.org", name: "Sokha Lost", password: "a passphrase for the not-found tests" };

test.beforeAll(() => createUser(EDITOR.email, EDITOR.name, "editor", EDITOR.password));

test("a missing public page is a 404 in the site's own frame, with ways onward", async ({ page }) => {
  const res = await page.goto("/no-such-page-at-all");
  expect(res?.status()).toBe(404);
  await expect(page).toHaveTitle(/^Page not found · /);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("search")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the front page" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("a missing desk address is a 404 inside the editors' desk, not the public site", async ({ page }) => {
  const res = await page.goto("/admin/no-such-desk-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not on the editors' desk" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Editors' desk" })).toBeVisible();
  await expect(page.getByRole("search")).toHaveCount(0);
  const robots = await page.locator('meta[name="robots"]').evaluateAll((metas) => metas.map((m) => m.getAttribute("content") ?? ""));
  expect(robots.length).toBeGreaterThan(0);
  for (const content of robots) expect(content).toContain("noindex");

  // A record that is gone (an old link to a deleted round), for a signed-in editor.
  await signIn(page, EDITOR.email, EDITOR.password);
  const gone = await page.goto("/admin/rounds/99999999");
  expect(gone?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not on the editors' desk" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page.getByRole("heading", { name: /Good to see you, Sokha Lost/ })).toBeVisible();
});
