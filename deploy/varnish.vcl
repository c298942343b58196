# Cambodia Trade Monitor: the HTTP cache in front of the app processes (Varnish 7 with xkey from
# Debian's varnish-modules). `npm run start:cluster` (scripts/cluster.ts) runs it on loopback with
#   varnishd -f deploy/varnish.vcl -p vcl_path=RUN_DIR:deploy -p http_gzip_support=off
#   (RUN_DIR/backends.vcl lists the app processes) and PURGE_TOKEN in its environment.
#
# - Public GET/HEAD answers are kept as long as their Surrogate-Control says (a day), and dropped
#   the moment an editor's save purges one of their surrogate keys (the `xkey` header, which holds
#   the answer's cache tags; lib/cache-tags.ts). Cookies are stripped from them.
# - The editors' desk, sign-in, /api/auth/*, any request carrying a session cookie, and anything but
#   GET/HEAD pass through uncached. So does any answer without Surrogate-Control.
# - Identical requests for something not yet cached wait for one fetch (request coalescing); a
#   stale copy is served briefly while a fresh one is fetched (grace), and for longer when no app
#   process answers. A health probe takes a dead process out; a GET whose process died mid-answer
#   is retried on another.
# - PURGE with `xkey-purge: key key…` and the right `x-purge-token`, from loopback only, purges
#   those keys; BAN (same rules) drops everything, or with `x-ban-url: /path?query` that address.
#   X-Forwarded-For is left as "client, …" with the client address appended, as Varnish does.
vcl 4.1;

import std;
import directors;
import xkey;

# The app processes: backends with health probes, and the round-robin director `app` made in
# vcl_init (written by the cluster script for each run).
include "backends.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purge from loopback only"));
        }
        if (std.getenv("PURGE_TOKEN") == "" || req.http.x-purge-token != std.getenv("PURGE_TOKEN")) {
            return (synth(403, "Bad purge token"));
        }
        if (req.method == "BAN" && req.http.x-ban-url) {
            # One address (path and query), whatever host it was asked for: a page whose render
            # failed after its 200 left (lib/cache/ban-failed.ts).
            if (req.http.x-ban-url !~ "^/[^ ]*$") {
                return (synth(400, "x-ban-url must be a path"));
            }
            ban("req.url == " + req.http.x-ban-url);
            return (synth(200, "Banned " + req.http.x-ban-url));
        }
        if (req.method == "BAN") {
            # Everything: after an app process died, a save it committed may not have been purged.
            ban("obj.status != 0");
            return (synth(200, "Banned"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys in xkey-purge"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    # Nobody else may send these to the app as if they came from here.
    unset req.http.x-purge-token;

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|api/auth)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(__Secure-)?authjs\.session-token") {
        return (pass);
    }
    unset req.http.Cookie;
    unset req.http.Authorization;
    # Two variants of each answer, kept side by side (the app sends Vary: Accept-Encoding): gzip for
    # clients that take it, plain for the rest, so neither is compressed or inflated per request
    # (varnishd runs with http_gzip_support off).
    if (req.http.Accept-Encoding ~ "gzip") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    # Serve a stale copy for a moment while a fresh one is fetched; for an hour when no app
    # process is healthy.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 5s;
    } else {
        set req.grace = 1h;
    }
    return (hash);
}

sub vcl_backend_fetch {
    # A retry goes to the next process in the round.
    if (bereq.retries > 0) {
        set bereq.backend = app.backend();
    }
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.status >= 500 || beresp.http.Set-Cookie || beresp.http.Surrogate-Control !~ "max-age=[0-9]+") {
        # Not ours to keep; remember that for two minutes so requests for it are not queued.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1") + "s", 0s);
    if (beresp.status == 404) {
        # A page that may soon exist (a new source): keep its 404 briefly even where it has keys.
        set beresp.ttl = 10s;
    }
    set beresp.grace = 1h;
    return (deliver);
}

sub vcl_backend_error {
    # The process died or refused mid-request: try another (GET/HEAD only, which change nothing).
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 3) {
        return (retry);
    }
}

sub vcl_deliver {
    # Surrogate headers are for this cache only.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Control;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    # Kept answers are purged the moment they change, so their age says nothing to caches beyond.
    if (obj.uncacheable == false) {
        unset resp.http.Age;
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
