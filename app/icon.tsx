import { ImageResponse } from "next/og";
import { ogFonts } from "@/lib/seo/og-fonts";

export const size = { width: 256, height: 256 };
export const contentType = "image/png";

/** Favicon and publisher logo: the masthead's initials on the site's paper and ink. */
export default async function Icon() {
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        background: "#16181d",
        color: "#fbfaf7",
        fontFamily: "Serif",
        fontWeight: 700,
        fontSize: 84,
        letterSpacing: -3,
        borderBottom: "24px solid #a3321b",
      }}
    >
      CTM
    </div>,
    { ...size, fonts: await ogFonts() },
  );
}
