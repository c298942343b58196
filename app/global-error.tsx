"use client";

import "./globals.css";
import RootError from "./error";
import { sans, serif } from "./fonts";

/**
 * The last resort: the root layout itself failed, so this draws the whole document, styles and
 * fonts included, around app/error.tsx.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" className={`${serif.variable} ${sans.variable}`}>
      <body className="min-h-screen bg-(--color-paper) font-sans text-(--color-ink) antialiased">
        <RootError error={error} retry={retry} />
      </body>
    </html>
  );
}
