import { serializeJsonLd, type JsonLdNode } from "@/lib/seo/jsonld";

/** Structured data for search engines. A data block, never executed, so it needs no CSP nonce. */
export function JsonLd({ data }: { data: JsonLdNode | JsonLdNode[] }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
