import type { Metadata } from "next";
import Link from "next/link";
import { SiteFooter, SiteHeader } from "@/components/site/SiteHeader";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-3xl px-4 py-16">
        <h1 className="font-serif text-4xl font-bold">Page not found</h1>
        <p className="mt-3 text-(--color-muted)">We could not find that page. It may have moved, or the address may be mistyped.</p>
        <p className="mt-6">
          <Link href="/" className="font-semibold underline">
            Go to the front page
          </Link>{" "}
          or{" "}
          <Link href="/articles" className="font-semibold underline">
            browse all stories
          </Link>
          .
        </p>
      </main>
      <SiteFooter />
    </>
  );
}
