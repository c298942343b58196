import createMDX from "@next/mdx";
import { fileURLToPath } from "node:url";
import { baseHeaders, feedCsp, publicCsp } from "./lib/security-headers.mjs";
import { publicCacheHeaders } from "./lib/http-cache.mjs";

const handler = (file) => fileURLToPath(new URL(file, import.meta.url));

const withMDX = createMDX({
  options: {
    // Plugins by name so Turbopack can pass them to its loader. Frontmatter is stripped from the
    // body here and read (and validated) by lib/content.
    remarkPlugins: [["remark-frontmatter", ["yaml"]], ["remark-gfm"]],
  },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  pageExtensions: ["ts", "tsx", "mdx"],
  poweredByHeader: false,
  // Hashing every page for an ETag cost about a quarter of the server's time per request under
  // load (bench/profile.ts): 690 → 1,010 req/s on a story when off. Pages carry Cache-Control.
  generateEtags: false,
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "redis"],
  // Stories are compiled at build time from content/; the database is read when a page renders.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**"] },
  cacheComponents: true,
  // Pages with params outside generateStaticParams (a new source, a figure) are rendered whole on
  // their first request and then kept (ISR), rather than served as a fallback shell first: every
  // answer the HTTP cache stores is a complete page.
  partialPrefetching: false,
  // Next's caches (whole pages, route answers, 'use cache' loaders) in one store with tag
  // expirations: memory for `npm start`, Redis when REDIS_URL is set (lib/cache/store.mjs). The
  // handlers keep their own size-bounded memory, so Next's is off.
  cacheHandler: handler("./lib/cache/incremental-handler.mjs"),
  cacheHandlers: { default: handler("./lib/cache/use-cache-handler.mjs"), remote: handler("./lib/cache/use-cache-handler.mjs") },
  cacheMaxMemorySize: 0,
  async headers() {
    return [
      { source: "/:path*", headers: baseHeaders },
      // Everything but embeds and the admin area (whose CSP carries a nonce, set in proxy.ts).
      {
        source: "/:path((?!embed(?:/|$)|admin(?:/|$)|api/auth(?:/|$)).*)",
        headers: [
          { key: "Content-Security-Policy", value: publicCsp() },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      // Public pages and files: how long caches may keep them (lib/http-cache.mjs). Route handlers
      // set their own; admin, sign-in and the auth endpoints are never stored (proxy.ts).
      { source: "/:path((?!admin(?:/|$)|api/|_next/).*)", headers: publicCacheHeaders },
      // Embeds are the only pages other sites may frame.
      { source: "/embed/:path*", headers: [{ key: "Content-Security-Policy", value: publicCsp({ frameable: true }) }] },
      // Feeds carry editors' text: opened in a browser, they may run nothing (later rules win).
      { source: "/feed.xml", headers: [{ key: "Content-Security-Policy", value: feedCsp }] },
      { source: "/:section(agreements|topics)/:slug/feed.xml", headers: [{ key: "Content-Security-Policy", value: feedCsp }] },
      // The chart download, if opened directly, is a document that may run nothing.
      {
        source: "/data/chart.svg",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; style-src 'unsafe-inline'; sandbox" }],
      },
      {
        source: "/admin/:path*",
        headers: [
          { key: "Cache-Control", value: "private, no-store" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default withMDX(nextConfig);
