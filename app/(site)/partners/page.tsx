import type { Metadata } from "next";
import Link from "next/link";
import { JsonLd } from "@/components/seo/JsonLd";
import { listPartners } from "@/db/queries/partners";
import { WORLD } from "@/lib/domain/figure";
import { breadcrumbJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";

export const metadata: Metadata = pageMetadata({
  title: "Partners",
  description: "Cambodia's trading partners by region, each with trade over time as both sides record it, agreements and stories.",
  path: "/partners",
});

export default async function PartnersPage() {
  const partners = (await listPartners()).filter((p) => p.code !== WORLD);
  const regions = [...new Set(partners.map((p) => p.region))].sort();
  return (
    <div>
      <JsonLd data={breadcrumbJsonLd([{ name: "Partners", path: "/partners" }])} />
      <h1 className="font-serif text-4xl font-bold">Partners</h1>
      <p className="mt-1 text-(--color-muted)">Economies we hold trade figures for, by region.</p>
      <div className="mt-6 grid gap-8 sm:grid-cols-2 lg:grid-cols-3">
        {regions.map((region) => (
          <section key={region} aria-labelledby={`r-${region}`}>
            <h2 id={`r-${region}`} className="text-sm font-bold tracking-wide uppercase">
              {region}
            </h2>
            <ul className="mt-2 space-y-1">
              {partners
                .filter((p) => p.region === region)
                .map((p) => (
                  <li key={p.code}>
                    <Link href={`/partners/${p.code}`} className="hover:underline">
                      {p.name}
                    </Link>{" "}
                    <span className="text-xs text-(--color-muted)">{p.code}</span>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
