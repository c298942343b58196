import ReactMarkdown, { defaultUrlTransform, type Components } from "react-markdown";

/**
 * Editor-written text. react-markdown never renders raw HTML (there is no rehype-raw): HTML typed
 * into a summary shows as the text it is, as the forms promise. Only http(s), mailto and relative
 * links survive; a link whose address was dropped (javascript:, data:, …) stays plain text.
 */
export function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url);
  return /^(https?:|mailto:|\/|#)/i.test(cleaned) ? cleaned : "";
}

const components: Components = {
  a: ({ href, children, title }) =>
    href ? (
      <a href={href} title={title}>
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
};

export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={className}>
      <ReactMarkdown urlTransform={safeUrl} disallowedElements={["img"]} unwrapDisallowed components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
