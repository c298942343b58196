import type { Metadata } from "next";
import Link from "next/link";
import { JsonLd } from "@/components/seo/JsonLd";
import { listSources } from "@/db/queries/sources";
import { formatSourceDate } from "@/lib/format/date";
import { breadcrumbJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";

export const metadata: Metadata = pageMetadata({
  title: "Sources",
  description: "The news reports, official statistics and databases behind every figure and date on Cambodia Trade Monitor.",
  path: "/sources",
});

export default async function SourcesPage() {
  const sources = await listSources();
  return (
    <div className="mx-auto max-w-3xl">
      <JsonLd data={breadcrumbJsonLd([{ name: "Sources", path: "/sources" }])} />
      <h1 className="font-serif text-4xl font-bold">Sources</h1>
      <ul className="mt-6 divide-y divide-(--color-rule)">
        {sources.map((s) => (
          <li key={s.id} className="py-3">
            <Link href={`/sources/${s.id}`} className="font-semibold hover:underline">
              {s.title}
            </Link>
            <p className="text-sm text-(--color-muted)">
              {s.publisher}, {formatSourceDate(s.publishedOn, s.publishedPrecision, s.dateInferred)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
