import { z } from "zod";

/** Environment read once and checked: a bad value stops start-up with a clear message. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^file:[^?#]+$/, "DATABASE_URL must look like file:path/to/portal.db")
    .default("file:data/portal.db"),
  SITE_URL: z.url().default("http://localhost:3000"),
});

const parsed = EnvSchema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
}

export const env = parsed.data;

/** The SQLite file path named by DATABASE_URL, relative to the working directory. */
export const databasePath = env.DATABASE_URL.slice("file:".length);
