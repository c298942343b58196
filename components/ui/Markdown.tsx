import ReactMarkdown, { defaultUrlTransform } from "react-markdown";

/**
 * Editor-written text. react-markdown never renders raw HTML (no rehype-raw), and only http(s),
 * mailto and relative links survive: javascript: and data: URLs are dropped.
 */
export function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url);
  return /^(https?:|mailto:|\/|#)/i.test(cleaned) ? cleaned : "";
}

export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={className}>
      <ReactMarkdown skipHtml urlTransform={safeUrl} disallowedElements={["img"]} unwrapDisallowed>
        {children}
      </ReactMarkdown>
    </div>
  );
}
