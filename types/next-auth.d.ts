import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    /** The random session token made at sign-in (lib/auth/sign-in.ts); only its hash is stored. */
    sessionToken?: string;
  }
  interface Session {
    /** users.id of the signed-in editor; checked against the database on every use. */
    uid?: number;
    /** The session token; its row in `sessions` must be open and unexpired on every use. */
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    sid?: string;
  }
}
