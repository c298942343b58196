/** A 1200×630 share card for next/og: inline styles only, flex layout, fonts from lib/seo/og-fonts. */
export const OG_SIZE = { width: 1200, height: 630 };

const PAPER = "#fbfaf7";
const INK = "#16181d";
const MUTED = "#555b66";
const ACCENT = "#a3321b";

/** Headline size by length, so 110 characters still fit in four lines. */
export function headlineSize(title: string): number {
  if (title.length <= 45) return 72;
  if (title.length <= 70) return 62;
  if (title.length <= 90) return 54;
  return 48;
}

export function OgCard({ kicker, title, dek, footer }: { kicker: string; title: string; dek?: string; footer: string }) {
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        background: PAPER,
        color: INK,
        fontFamily: "Serif",
        padding: "56px 72px",
      }}
    >
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", paddingBottom: 18 }}>
        <div style={{ fontSize: 30, fontWeight: 700, letterSpacing: -0.5 }}>Cambodia Trade Monitor</div>
        <div style={{ fontSize: 22, fontWeight: 700, color: ACCENT, textTransform: "uppercase", letterSpacing: 2 }}>{kicker}</div>
      </div>
      {/* The masthead's double rule (satori has no `double` border style). */}
      <div style={{ display: "flex", height: 8, borderTop: `2px solid ${INK}`, borderBottom: `2px solid ${INK}` }} />
      <div style={{ display: "flex", flexDirection: "column", flexGrow: 1, justifyContent: "center" }}>
        <div style={{ fontSize: headlineSize(title), fontWeight: 700, lineHeight: 1.12, letterSpacing: -1 }}>{title}</div>
        {dek ? <div style={{ fontSize: 28, color: MUTED, lineHeight: 1.35, marginTop: 24 }}>{dek}</div> : null}
      </div>
      <div style={{ display: "flex", alignItems: "center", fontSize: 24, color: MUTED }}>
        <div style={{ width: 48, height: 8, background: ACCENT, marginRight: 18 }} />
        {footer}
      </div>
    </div>
  );
}
