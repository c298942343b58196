"use server";

import { NotAllowedError } from "@/db/mutations/errors";
import { createUser, updateUser } from "@/db/mutations/users";
import { adminAction } from "@/lib/auth/action";
import { hashPassword } from "@/lib/auth/password";
import { NewUserSchema, UserDisableSchema, UserPasswordSchema, UserRoleSchema } from "@/lib/validation/user";

// Hashing is slow on purpose; the wrapper runs it after the session check and before the transaction.
const NewUserWithHash = NewUserSchema.transform(async ({ password, ...u }) => ({ ...u, passwordHash: await hashPassword(password) }));
const PasswordWithHash = UserPasswordSchema.transform(async (u) => ({ id: u.id, passwordHash: await hashPassword(u.password) }));

export const createUserAction = adminAction("users", NewUserWithHash, (tx, input, user) => {
  const id = createUser(tx, user, input);
  return { message: `Created ${input.role} ${input.email}.`, redirectTo: `/admin/users?created=${id}` };
});

export const setRoleAction = adminAction("users", UserRoleSchema, (tx, input, user) => {
  updateUser(tx, user, input.id, { role: input.role });
  return { message: `Role changed to ${input.role}; their sessions have ended.` };
});

export const setDisabledAction = adminAction("users", UserDisableSchema, (tx, input, user) => {
  if (input.id === user.id && input.disabled) throw new NotAllowedError("You cannot disable yourself.");
  updateUser(tx, user, input.id, { disabled: input.disabled });
  return { message: input.disabled ? "User disabled; their sessions have ended." : "User enabled." };
});

export const setPasswordAction = adminAction("users", PasswordWithHash, (tx, input, user) => {
  updateUser(tx, user, input.id, { passwordHash: input.passwordHash });
  return { message: "Password changed; their sessions have ended." };
});
