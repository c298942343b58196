/**
 * `npm run user:create -- --email E --name N --role editor|admin`
 * Creates an editor or admin. The password is read from standard input when piped
 * (`printf '%s' "$PW" | npm run user:create -- ...`), or asked for without echo at a terminal.
 * Nothing is printed of the password or its hash.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDb, writeTransaction } from "@/db/client";
import { databaseLabel, runMigrations } from "@/db/migrate";
import { FieldError } from "@/db/mutations/errors";
import { createUser } from "@/db/mutations/users";
import { hashPassword } from "@/lib/auth/password";
import { NewUserSchema } from "@/lib/validation/user";

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(prompt);
      // No echo: readline writes what is typed to this stream, which keeps none of it.
      const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
      const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
      rl.question("", (answer) => {
        rl.close();
        process.stdout.write("\n");
        resolve(answer);
      });
    });
  const first = await ask("Password (12+ characters): ");
  const second = await ask("Repeat it: ");
  if (first !== second) throw new UsageError("The two passwords differ.");
  return first;
}

class UsageError extends Error {}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "editor" } },
    strict: true,
  });
  const password = await readPassword();
  const parsed = NewUserSchema.safeParse({ email: values.email ?? "", name: values.name ?? "", role: values.role, password });
  if (!parsed.success) throw new UsageError(z.prettifyError(parsed.error));
  await runMigrations();
  const passwordHash = await hashPassword(parsed.data.password);
  const id = await writeTransaction((tx) =>
    createUser(tx, null, { email: parsed.data.email, name: parsed.data.name, role: parsed.data.role, passwordHash }),
  );
  console.log(`Created ${parsed.data.role} ${parsed.data.email} (user ${id}) in ${databaseLabel()}. Sign in at /admin/sign-in.`);
}

main()
  .catch((error: unknown) => {
    if (error instanceof UsageError || error instanceof FieldError) {
      console.error(`user:create: ${error.message}`);
      console.error("Usage: npm run user:create -- --email you@example.org --name 'Your Name' --role editor|admin  (password on stdin)");
    } else console.error(error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
