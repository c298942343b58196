import type { Instrumentation } from "next";
import { errorDigest } from "@/lib/errors/reference";
import { ANSWER_HEADER, failedAnswers } from "@/lib/cache/response-cache.mjs";
import { banFailedAnswer } from "@/lib/cache/ban-failed";

/**
 * Every error a request hits on the server (a page, a route handler, a server action, the proxy)
 * becomes one JSON line on stderr, for whoever is on call to search. Its `id` is the digest Next
 * shows the reader on the error page ("Reference …", app/error.tsx), so a reader's report leads
 * straight to the line; errors without a digest (route handlers) get a fresh id. A reverse proxy's
 * `X-Request-Id`, when one is sent, is logged beside it. Headers are not logged: they carry cookies.
 */
export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  // An answer that hit an error is never kept by npm start's response cache (lib/cache/response-cache.mjs):
  // a page that fails after its first byte still goes out with status 200.
  const answer = request.headers[ANSWER_HEADER];
  if (typeof answer === "string") failedAnswers().add(answer);
  // Nor by the HTTP cache in front: that address is banned once the answer is stored.
  if (request.method === "GET" && context.routeType === "render") banFailedAnswer(request.path);
  const digest = errorDigest(error);
  const proxyId = request.headers["x-request-id"];
  const line = {
    level: "error",
    time: new Date().toISOString(),
    // Web Crypto, not node:crypto: Next compiles this file for the Edge runtime as well.
    id: digest ?? crypto.randomUUID(),
    ...(typeof proxyId === "string" ? { proxyRequestId: proxyId.slice(0, 200) } : {}),
    method: request.method,
    path: request.path,
    route: context.routePath,
    routeType: context.routeType,
    ...(context.renderSource ? { renderSource: context.renderSource } : {}),
    ...(context.revalidateReason ? { revalidateReason: context.revalidateReason } : {}),
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) },
  };
  console.error(JSON.stringify(line));
};
