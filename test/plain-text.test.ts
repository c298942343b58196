import { describe, expect, it } from "vitest";
import { markdownToPlainText, mdxToPlainText } from "@/lib/content/plain-text";

describe("MDX stories as plain text for the search index", () => {
  it("keeps the words, drops code, and marks widgets inside sentences with an ellipsis", () => {
    const mdx = [
      'import { Note } from "./note"',
      "export const meta = { a: 1 }",
      "",
      "## Exports carry the gains",
      "",
      'Trade came to <Figure partner="JPN" flow="total" period="2024-01/2024-02" />, up {1 + 1} <Change partner="JPN" flow="total" period="2024" against="2023" /> on a year before.',
      "",
      '<TradeChart partner="KOR" flow="total" from={2000} to={2020} />',
      "",
      "<Note>Wrapped **words** stay.</Note>",
      "",
      "{/* an editor's comment */}",
      "",
      "- *first* item with [a link](https://example.org/x)",
      "- second `code`",
      "",
      "> quoted ![a chart of exports](/x.png)",
    ].join("\n");
    expect(mdxToPlainText(mdx)).toBe(
      [
        "Exports carry the gains",
        "Trade came to …, up … on a year before.",
        "Wrapped words stay.",
        "first item with a link",
        "second code",
        "quoted a chart of exports",
      ].join("\n"),
    );
  });

  it("is not fooled by characters regular expressions tripped on: underscores, asterisks in words, nested brackets", () => {
    expect(markdownToPlainText("snake_case_name and 2 * 3 * 4 and [outer [inner] text](https://x.example)")).toBe(
      "snake_case_name and 2 * 3 * 4 and outer [inner] text",
    );
  });
});
