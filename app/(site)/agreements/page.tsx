import type { Metadata } from "next";
import Link from "next/link";
import { JsonLd } from "@/components/seo/JsonLd";
import { listAgreements } from "@/db/queries/agreements";
import { STATUS_LABELS } from "@/lib/agreements";
import { breadcrumbJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";

export const metadata: Metadata = pageMetadata({
  title: "Agreements",
  description: "Every trade agreement Cambodia is party to or negotiating, with its status as last reported and a tracker of its rounds.",
  path: "/agreements",
});

export default async function AgreementsPage() {
  const agreements = await listAgreements();
  return (
    <div className="mx-auto max-w-3xl">
      <JsonLd data={breadcrumbJsonLd([{ name: "Agreements", path: "/agreements" }])} />
      <h1 className="font-serif text-4xl font-bold">Agreements</h1>
      <p className="mt-1 text-(--color-muted)">Trade agreements Cambodia is party to or negotiating, with their status as last reported.</p>
      <ul className="mt-6 divide-y divide-(--color-rule)">
        {agreements.map((a) => (
          <li key={a.slug} className="flex items-baseline justify-between gap-4 py-3">
            <Link href={`/agreements/${a.slug}`} className="font-serif text-lg font-semibold hover:underline">
              {a.name} <span className="text-sm font-normal text-(--color-muted)">({a.shortName})</span>
            </Link>
            <span className="shrink-0 text-sm text-(--color-muted)">{a.status ? STATUS_LABELS[a.status] : ""}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
