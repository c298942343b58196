import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    /** users.id of the signed-in editor; checked against the database on every use. */
    uid?: number;
    /** users.session_version when the session was made; a bump ends the session. */
    sv?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    sv?: number;
  }
}
