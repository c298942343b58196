import { ImageResponse } from "next/og";
import { OG_SIZE, OgCard } from "@/components/seo/OgCard";
import { ogFonts } from "@/lib/seo/og-fonts";
import { SITE } from "@/lib/site";

export const size = OG_SIZE;
export const contentType = "image/png";
export const alt = `${SITE.name}: ${SITE.tagline}`;

/** The site's default share card, for every page without its own. */
export default async function Image() {
  return new ImageResponse(
    <OgCard
      kicker="News and data"
      title="Cambodia’s trade agreements, round by round"
      dek="Negotiation trackers, stories and trade figures, each with its source."
      footer="Every figure read from our database and linked to its source"
    />,
    { ...size, fonts: await ogFonts() },
  );
}
