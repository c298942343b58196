"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Keeps an open tracker current: every few seconds it asks /api/live for the fingerprint of the
 * published updates and rounds, and while it differs from the one this page was rendered with,
 * re-renders the page in place (no reload). A visually hidden live region tells screen readers.
 */
export function LiveRefresh({ agreement, stamp, intervalMs = 5000 }: { agreement?: string; stamp: string; intervalMs?: number }) {
  const router = useRouter();
  const [announce, setAnnounce] = useState("");

  useEffect(() => {
    let stopped = false;
    const url = `/api/live${agreement ? `?agreement=${encodeURIComponent(agreement)}` : ""}`;
    const tick = async () => {
      if (stopped || document.visibilityState === "hidden") return;
      try {
        const res = await fetch(url, { cache: "no-store" });
        if (!res.ok) return;
        const body: unknown = await res.json();
        const latest = body && typeof body === "object" && "stamp" in body && typeof body.stamp === "string" ? body.stamp : null;
        // Compared with what is on screen, so a refresh that raced a save is simply tried again.
        if (!stopped && latest && latest !== stamp) {
          setAnnounce("This page has been updated with the latest news.");
          router.refresh();
        }
      } catch {
        // Offline for a moment: try again at the next tick.
      }
    };
    const timer = window.setInterval(tick, intervalMs);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [agreement, intervalMs, router, stamp]);

  return (
    <p className="sr-only" aria-live="polite" data-live-stamp={stamp}>
      {announce}
    </p>
  );
}
