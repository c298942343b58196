import { expect, test } from "@playwright/test";

const PAGES = [
  "/",
  "/articles",
  "/articles/cambodia-japan-trade-early-2024",
  "/agreements/ckfta",
  "/partners/JPN",
  "/topics/korea",
  "/sources/ppp-2024-03-26",
];

test.describe("layout at phone width and in dark mode", () => {
  test.use({ viewport: { width: 360, height: 800 } });

  for (const path of PAGES) {
    test(`${path} fits a 360 px screen without sideways scrolling`, async ({ page }) => {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    });
  }

  test("dark mode follows the system setting", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(18, 20, 23)");
    await page.emulateMedia({ colorScheme: "light" });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(251, 250, 247)");
  });
});
