import type { MDXComponents } from "mdx/types";
import { storyWidgets } from "@/lib/widgets";

/** Components available to trusted MDX in content/: prose elements plus the live data widgets. */
export function useMDXComponents(components: MDXComponents): MDXComponents {
  return { ...storyWidgets, ...components };
}
