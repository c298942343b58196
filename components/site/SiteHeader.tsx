import Link from "next/link";
import { SITE } from "@/lib/site";

const NAV = [
  { href: "/articles", label: "Stories" },
  { href: "/agreements/ckfta", label: "CKFTA tracker" },
  { href: "/agreements", label: "Agreements" },
  { href: "/partners", label: "Partners" },
  { href: "/data", label: "Data" },
];

export function SiteHeader() {
  return (
    <header className="border-b-4 border-double border-(--color-ink)">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:bg-(--color-paper) focus:p-2">
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 pt-5 pb-3 md:flex-row md:items-end md:justify-between">
        <div>
          <Link href="/" className="font-serif text-2xl font-bold tracking-tight sm:text-3xl">
            {SITE.name}
          </Link>
          <p className="text-sm text-(--color-muted)">{SITE.tagline}</p>
        </div>
        <div className="flex flex-col gap-2 md:items-end">
          {/* A plain GET form: it works without JavaScript and lands on /search?q=… */}
          <form action="/search" method="get" role="search" className="flex w-full md:w-72">
            <label htmlFor="site-search" className="sr-only">
              Search the site
            </label>
            <input
              id="site-search"
              type="search"
              name="q"
              enterKeyHint="search"
              placeholder="Stories, rounds, updates"
              className="min-w-0 flex-1 rounded-l border border-(--color-muted) bg-(--color-paper) px-2 py-1 text-sm"
            />
            <button type="submit" className="rounded-r bg-(--color-ink) px-3 py-1 text-sm font-semibold text-(--color-paper)">
              Search
            </button>
          </form>
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
