import { notFound } from "next/navigation";

/**
 * Any /admin address no page matches. Without it Next would answer with the public site's 404;
 * this way the desk's own not-found page shows, inside the desk's header.
 */
export default function MissingAdminPage(): never {
  notFound();
}
