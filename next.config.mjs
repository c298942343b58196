import createMDX from "@next/mdx";

const withMDX = createMDX({
  options: {
    // Plugins by name so Turbopack can pass them to its loader. Frontmatter is stripped from the
    // body here and read (and validated) by lib/content.
    remarkPlugins: [["remark-frontmatter", ["yaml"]], ["remark-gfm"]],
  },
});

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  pageExtensions: ["ts", "tsx", "mdx"],
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3"],
  // Stories are compiled at build time from content/; the database is read when a page renders.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**"] },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withMDX(nextConfig);
