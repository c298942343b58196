/**
 * Preloaded by the npm scripts that run with tsx (`tsx --import ./scripts/load-env.ts …`): reads
 * .env, .env.local and .env.production(.local) with the loader Next itself uses, so
 * `npm run db:setup` and `npm start` see the same DATABASE_URL. Variables already set in the
 * environment win over the files, as they do for Next.
 */
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
