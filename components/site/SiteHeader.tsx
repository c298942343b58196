import Link from "next/link";
import { SITE } from "@/lib/site";

const NAV = [
  { href: "/articles", label: "Stories" },
  { href: "/agreements/ckfta", label: "CKFTA tracker" },
  { href: "/agreements", label: "Agreements" },
  { href: "/partners", label: "Partners" },
];

export function SiteHeader() {
  return (
    <header className="border-b-4 border-double border-(--color-ink)">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-(--color-paper) focus:p-2">
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 pb-3 pt-5 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <Link href="/" className="font-serif text-2xl font-bold tracking-tight sm:text-3xl">
            {SITE.name}
          </Link>
          <p className="text-sm text-(--color-muted)">{SITE.tagline}</p>
        </div>
        <nav aria-label="Main">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-semibold">
            {NAV.map((n) => (
              <li key={n.href}>
                <Link href={n.href} className="hover:underline">
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-(--color-rule)">
      <div className="mx-auto max-w-6xl px-4 py-8 text-sm text-(--color-muted)">
        <p>
          <strong className="text-(--color-ink)">{SITE.name}</strong>: independent coverage of Cambodia&apos;s trade talks. Every figure on
          this site is read from our database and links to the report or statistics it came from.
        </p>
        <p className="mt-2">
          Trade statistics: IMF Direction of Trade Statistics. Agreements: WTO Regional Trade Agreements Information System.{" "}
          <Link href="/sources" className="underline">
            All sources
          </Link>
        </p>
      </div>
    </footer>
  );
}
