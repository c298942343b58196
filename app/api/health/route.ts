import { connection } from "next/server";

/** GET /api/health: 200 while this app process serves requests; the HTTP cache probes it to take dead processes out. */
export async function GET() {
  await connection();
  return new Response("ok\n", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
