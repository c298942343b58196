import { z } from "zod";

/** Environment read once and checked: a bad value stops start-up with a clear message. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:[^?#]+|postgres(ql)?:\/\/\S+)$/,
      "DATABASE_URL must look like file:path/to/portal.db or postgres://user@host:5432/database",
    )
    .default("file:data/portal.db"),
  SITE_URL: z.url().default("http://localhost:3000"),
  /** A session ends this long after sign-in, whatever happens in between (README, "Sessions"). */
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  /** Password checks one app process runs at once for untrusted browsers; more are answered 429. */
  SIGN_IN_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Password checks one app process starts per second for untrusted browsers; more are answered 429. */
  SIGN_IN_CHECKS_PER_SECOND: z.coerce.number().positive().max(1000).default(2),
});

const parsed = EnvSchema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
}

export const env = parsed.data;

/** Which engine DATABASE_URL names: a SQLite file (the default) or a PostgreSQL server. */
export const databaseEngine: "sqlite" | "postgres" = env.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgres";

/**
 * The SQLite file path named by DATABASE_URL, relative to the working directory. With a postgres://
 * URL there is no file: the path then lies under /dev/null, which no one can create, so code that
 * still opens the SQLite file fails at once with the reason in its name, rather than writing a
 * stray database (the data layer switches engines in issue 13; until then the site runs on SQLite).
 */
export const databasePath =
  databaseEngine === "sqlite" ? env.DATABASE_URL.slice("file:".length) : "/dev/null/DATABASE_URL-is-PostgreSQL/portal.db";
