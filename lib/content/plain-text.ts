/**
 * The words of an MDX story body as plain text, for the search index. Live widgets
 * (`<Figure … />`) render numbers from the database at request time, so the index cannot know
 * them: each becomes an ellipsis, which reads as an elision in a snippet. Markdown marks are
 * dropped; link text is kept and its address is not.
 */
export function mdxToPlainText(mdx: string): string {
  return (
    mdx
      // MDX module lines (import/export) are code, not prose.
      .replace(/^(?:import|export)\s.*$/gm, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, "")
      // Self-closing JSX components, possibly over several lines; props may hold {expressions}.
      .replace(/<[A-Z][\w.]*(?:\s(?:[^<>{}]|\{[^{}]*\})*)?\/>/g, "…")
      // Paired components and HTML tags: keep what they wrap, drop the tags.
      .replace(/<\/?[A-Za-z][\w.-]*(?:\s(?:[^<>{}]|\{[^{}]*\})*)?>/g, " ")
      // Images, then links: keep the visible text.
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/^\s{0,3}#{1,6}\s+/gm, "")
      .replace(/^\s{0,3}>\s?/gm, "")
      .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, "")
      .replace(/(\*\*|__|\*|`)/g, "")
      .replace(/(^|\s)_(\S[^_]*)_(?=\s|[.,;:!?]|$)/g, "$1$2")
      // A widget on a line of its own (a chart, a timeline) leaves nothing worth reading.
      .replace(/^\s*…\s*$/gm, "")
      .replace(/[ \t]+/g, " ")
      .replace(/ ?\n ?/g, "\n")
      .replace(/\n{2,}/g, "\n")
      .trim()
  );
}
