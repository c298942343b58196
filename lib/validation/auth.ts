import { z } from "zod";
import { PASSWORD_MAX } from "@/lib/auth/password";

export const SignInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter an email address.")),
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX),
});
