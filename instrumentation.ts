import type { Instrumentation } from "next";
import { logServerError, newErrorId } from "@/lib/errors/log";
import { errorDigest } from "@/lib/errors/reference";
import { ANSWER_HEADER, failedAnswers } from "@/lib/cache/response-cache.mjs";
import { banFailedAnswer } from "@/lib/cache/ban-failed";

/**
 * Every error a request hits on the server (a page, a route handler, a server action, the proxy)
 * becomes one JSON line on stderr (lib/errors/log.ts). Its `id` is the digest Next shows the reader
 * on the error page ("Reference …", app/error.tsx), so a reader's report leads straight to the
 * line; errors without a digest get a fresh id. /api/v1 handlers answer their own errors with that
 * reference instead (lib/api/handler.ts), and log them the same way.
 */
export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  // An answer that hit an error is never kept by npm start's response cache (lib/cache/response-cache.mjs):
  // a page that fails after its first byte still goes out with status 200.
  const answer = request.headers[ANSWER_HEADER];
  if (typeof answer === "string") failedAnswers().add(answer);
  // Nor by the HTTP cache in front: that address is banned once the answer is stored.
  if (request.method === "GET" && context.routeType === "render") banFailedAnswer(request.path);
  const proxyId = request.headers["x-request-id"];
  logServerError(errorDigest(error) ?? newErrorId(), error, {
    method: request.method,
    path: request.path,
    route: context.routePath,
    routeType: context.routeType,
    ...(typeof proxyId === "string" ? { proxyRequestId: proxyId } : {}),
    ...(context.renderSource ? { renderSource: context.renderSource } : {}),
    ...(context.revalidateReason ? { revalidateReason: context.revalidateReason } : {}),
  });
};
