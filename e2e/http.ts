/**
 * A plain HTTP client with its own cookie jar that connects from a chosen loopback address
 * (127.0.0.N; on Linux the whole 127/8 reaches the server listening on 127.0.0.1). The server sees
 * that address on the socket, so a test can be "another client" without trusting any header,
 * which is the point: headers such as X-Forwarded-For are ignored unless TRUST_PROXY_HOPS is set.
 */
import { request as httpRequest } from "node:http";
import { E2E_PORT } from "./env";

const SEND_TIMEOUT_MS = 15_000;

export type HttpResponse = { status: number; headers: Record<string, string | string[] | undefined>; setCookies: string[]; body: string };

export class HttpClient {
  readonly jar = new Map<string, string>();

  constructor(
    readonly localAddress: string,
    private readonly port = E2E_PORT,
  ) {}

  get cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  send(
    method: "GET" | "POST",
    path: string,
    opts: { headers?: Record<string, string>; form?: Record<string, string>; cookie?: string } = {},
  ): Promise<HttpResponse> {
    const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
    const headers: Record<string, string> = { ...opts.headers };
    const cookie = opts.cookie ?? this.cookieHeader;
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      headers["content-length"] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port: this.port, localAddress: this.localAddress, method, path, headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const setCookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
            if (opts.cookie === undefined) {
              for (const c of setCookies) {
                const [pair] = c.split(";");
                const eq = pair!.indexOf("=");
                const name = pair!.slice(0, eq);
                const value = pair!.slice(eq + 1);
                if (value === "" || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) this.jar.delete(name);
                else this.jar.set(name, value);
              }
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, setCookies, body: Buffer.concat(chunks).toString("utf8") });
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      // A server that never answers fails the test here, naming the request, not at the test's timeout.
      req.setTimeout(SEND_TIMEOUT_MS, () =>
        req.destroy(new Error(`${method} ${path} from ${this.localAddress}: no answer within ${SEND_TIMEOUT_MS} ms`)),
      );
      req.end(body);
    });
  }

  get(path: string, opts: { headers?: Record<string, string>; cookie?: string } = {}) {
    return this.send("GET", path, opts);
  }

  /**
   * next-auth's credentials sign-in, as a script would do it: fetch a CSRF token, then post. A 429
   * "busy" (the server starts only a few password checks a second) is waited out as Retry-After
   * says, like a well-behaved client; "throttled" is returned.
   */
  async signIn(email: string, password: string, headers: Record<string, string> = {}): Promise<SignInOutcome> {
    const csrf = await this.get("/api/auth/csrf");
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    for (let attempt = 0; ; attempt++) {
      const res = signInOutcome(
        await this.send("POST", "/api/auth/callback/credentials", { headers, form: { csrfToken, email, password, callbackUrl: "/admin" } }),
      );
      if (res.outcome !== "busy" || attempt >= 10) return res;
      await new Promise((r) => setTimeout(r, 1000 * Number(res.retryAfter || 1)));
    }
  }
}

/** "signed-in", "credentials" (wrong email or password), "throttled" or "busy" (both 429). */
export type SignInOutcome = { outcome: string; status: number; retryAfter?: string; response: HttpResponse };

export function signInOutcome(res: HttpResponse): SignInOutcome {
  if (res.status === 429) {
    const { error } = JSON.parse(res.body) as { error: string };
    return { outcome: error, status: 429, retryAfter: String(res.headers["retry-after"] ?? ""), response: res };
  }
  const location = String(res.headers.location ?? "");
  const code = new URL(location, "http://site.invalid").searchParams.get("code");
  if (code) return { outcome: code, status: res.status, response: res };
  const session = res.setCookies.some((c) => /^authjs\.session-token=[^;]+/.test(c));
  return { outcome: session ? "signed-in" : `unexpected ${res.status} ${location}`, status: res.status, response: res };
}
