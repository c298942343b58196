import { SiteFooter, SiteHeader } from "@/components/site/SiteHeader";

// Pages are prerendered from cached loaders (db/queries, 'use cache' + cacheTag) and rendered
// afresh when an editor's save expires one of their tags (lib/cache-tags.ts).
export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
