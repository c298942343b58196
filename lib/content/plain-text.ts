import type { Nodes, Parents, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { mdxFromMarkdown } from "mdast-util-mdx";
import { toString } from "mdast-util-to-string";
import { gfm } from "micromark-extension-gfm";
import { mdxjs } from "micromark-extension-mdxjs";
import "mdast-util-mdx";

/**
 * Markdown and MDX as the words a reader sees, for feeds and the search index. The text is parsed
 * into a syntax tree (mdast) by the same parser family that renders it, so every construct
 * Markdown has (links, images, emphasis, code, tables, HTML, MDX components and expressions) is
 * recognised by the grammar rather than guessed at by patterns:
 * - link text is kept and its address is not; an image leaves its alt text;
 * - raw HTML is dropped (the site shows it as text, but it is markup, not words);
 * - MDX imports, exports and {expressions} are code and dropped;
 * - a story widget (`<Figure … />`) renders a number from the database when the page is served,
 *   so the index cannot know it: inside a sentence it becomes an ellipsis, on a line of its own
 *   (a chart, a timeline) it leaves nothing; a component that wraps text keeps the text.
 * Blocks (paragraphs, headings, list items, table rows) end up one per line.
 */
const BLOCK_SEPARATOR = "\n";

/** Phrasing and block nodes that carry no reader-visible words. */
const DROP = new Set(["html", "mdxjsEsm", "mdxFlowExpression", "mdxTextExpression", "yaml", "toml", "definition", "footnoteDefinition", "thematicBreak"]);

function text(node: Nodes): string {
  if (DROP.has(node.type)) return "";
  switch (node.type) {
    case "mdxJsxTextElement":
      return node.children.length ? node.children.map(text).join("") : "…";
    case "mdxJsxFlowElement":
      return node.children.map(text).filter(Boolean).join(BLOCK_SEPARATOR);
    case "break":
      return " ";
    case "image":
    case "imageReference":
      return node.alt ?? "";
    case "paragraph":
    case "heading":
    case "tableCell":
      return node.children.map(text).join("");
    case "tableRow":
      return node.children.map(text).join(" ");
    default:
      if ("children" in node) return (node as Parents).children.map(text).filter(Boolean).join(BLOCK_SEPARATOR);
      // text, inlineCode, code: their own characters.
      return toString(node, { includeHtml: false });
  }
}

function tidy(s: string): string {
  return s
    .replace(/[ \t]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

/** Editor Markdown (round summaries, updates; GitHub-flavoured, as the site renders it). */
export function markdownToPlainText(markdown: string): string {
  const tree: Root = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  return tidy(text(tree));
}

/** A story's MDX body (frontmatter already removed by lib/content). */
export function mdxToPlainText(mdx: string): string {
  const tree: Root = fromMarkdown(mdx, { extensions: [mdxjs(), gfm()], mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()] });
  return tidy(text(tree));
}
