import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "screenshots/**",
      "next-env.d.ts",
      "bench/results/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Components take data as props and never read it: the shapes of db/queries may be imported
    // as types, nothing else of db/ (style.md: pages and loaders read, components show).
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db", "@/db/*", "**/db/*"],
              allowTypeImports: true,
              message: "Components take data as props: import db/ types with `import type`, and read the data in a page or a loader.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
