import { SiteFooter, SiteHeader } from "@/components/site/SiteHeader";

// Pages are generated ahead of time and regenerated in the background at most a minute after a
// change reaches the database; editor actions will revalidate on demand (see the editors issue).
export const revalidate = 60;

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
