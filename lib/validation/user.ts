import { z } from "zod";
import { ROLES } from "@/db/schema";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password";
import { line, recordId } from "./common";

export const password = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email("Enter an email address."));

export const NewUserSchema = z.object({
  email,
  name: line("The name", 100),
  role: z.enum(ROLES, "Choose editor or admin."),
  password,
});

export const UserRoleSchema = z.object({ id: recordId, role: z.enum(ROLES, "Choose editor or admin.") });
export const UserDisableSchema = z.object({ id: recordId, disabled: z.enum(["true", "false"]).transform((v) => v === "true") });
export const UserPasswordSchema = z.object({ id: recordId, password });
/** End one open session (an admin, from /admin/users). */
export const EndSessionSchema = z.object({ id: recordId });
/** End every open session of one user. */
export const EndUserSessionsSchema = z.object({ userId: recordId });
