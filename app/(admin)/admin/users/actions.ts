"use server";

import { NotAllowedError } from "@/db/mutations/errors";
import { endSessionByAdmin, endUserSessions } from "@/db/mutations/sessions";
import { createUser, updateUser } from "@/db/mutations/users";
import { adminAction } from "@/lib/auth/action";
import { hashPassword } from "@/lib/auth/password";
import {
  EndSessionSchema,
  EndUserSessionsSchema,
  NewUserSchema,
  UserDisableSchema,
  UserPasswordSchema,
  UserRoleSchema,
} from "@/lib/validation/user";

// Hashing is slow on purpose; the wrapper runs it after the session check and before the transaction.
const NewUserWithHash = NewUserSchema.transform(async ({ password, ...u }) => ({ ...u, passwordHash: await hashPassword(password) }));
const PasswordWithHash = UserPasswordSchema.transform(async (u) => ({ id: u.id, passwordHash: await hashPassword(u.password) }));

export const createUserAction = adminAction("users", NewUserWithHash, async (tx, input, user) => {
  const id = await createUser(tx, user, input);
  return { message: `Created ${input.role} ${input.email}.`, redirectTo: `/admin/users?created=${id}` };
});

export const setRoleAction = adminAction("users", UserRoleSchema, async (tx, input, user) => {
  await updateUser(tx, user, input.id, { role: input.role });
  return { message: `Role changed to ${input.role}; their sessions have ended.` };
});

export const setDisabledAction = adminAction("users", UserDisableSchema, async (tx, input, user) => {
  if (input.id === user.id && input.disabled) throw new NotAllowedError("You cannot disable yourself.");
  await updateUser(tx, user, input.id, { disabled: input.disabled });
  return { message: input.disabled ? "User disabled; their sessions have ended." : "User enabled." };
});

export const setPasswordAction = adminAction("users", PasswordWithHash, async (tx, input, user) => {
  await updateUser(tx, user, input.id, { passwordHash: input.passwordHash });
  return { message: "Password changed; their sessions have ended." };
});

/** Ends one session (a lost laptop, a shared computer): the cookie stops working at once. */
export const endSessionAction = adminAction("users", EndSessionSchema, async (tx, input, user) => {
  if (input.id === user.sessionId) throw new NotAllowedError("That is the session you are using; sign out instead.");
  await endSessionByAdmin(tx, user, input.id);
  return { message: "Session ended." };
});

/** Ends every open session of one user, without changing their role or password. */
export const endUserSessionsAction = adminAction("users", EndUserSessionsSchema, async (tx, input, user) => {
  if (input.userId === user.id) throw new NotAllowedError("To end your own sessions, sign out (or ask another admin).");
  const n = await endUserSessions(tx, user, input.userId, "ended by an admin");
  return { message: n === 1 ? "1 session ended." : `${n} sessions ended.` };
});
