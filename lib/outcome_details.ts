/**
 * Finer descriptions of classified 2x2 networks: which images share an
 * output (the collapse groups as text) and what kind of network lands in
 * the class "other" of lib/outcomes.ts.
 *
 * The four images are determined by two bits: pixels 1 and 4 (upper left,
 * lower right) are always complementary, and so are pixels 2 and 3. An
 * image pair that differs in every pixel (0011 and 1100, or 1010 and 0101)
 * can therefore be separated on one pixel pair and averaged on the other.
 * That partial averaging is the most common "other" network after 2000 Adam
 * steps.
 */
import { TWO_BY_TWO_NAMES } from "./datasets.ts";
import type { OutcomeResult } from "./outcomes.ts";
import type { ImageSet } from "./datasets.ts";

/** Kind of a network of the class "other"; see `otherKind` for the rules, checked in this order. */
export type OtherKind =
  | "diverged"
  | "three images collapsed"
  | "pair and a wrong image"
  | "half-averaged pair"
  | "separated, not converged";

/** All kinds of "other" networks, in display order. */
export const OTHER_KINDS: readonly OtherKind[] = [
  "half-averaged pair",
  "separated, not converged",
  "three images collapsed",
  "pair and a wrong image",
  "diverged",
];

/** A reconstructed pixel is unsettled when it is further than this from its target; 0.25 keeps 0.25..0.75 grey. */
export const UNSETTLED_PIXEL_TOLERANCE = 0.25;

/**
 * Returns the kind of an "other" network, or null for the other outcome
 * classes. The rules, in order:
 *
 * - **diverged**: a bottleneck value or reconstruction is not finite.
 * - **three images collapsed**: a collapse group contains three images.
 * - **pair and a wrong image**: one pair collapsed and a separated image is wrong.
 * - **half-averaged pair**: every image has its own output, and exactly two
 *   images have pixels more than `UNSETTLED_PIXEL_TOLERANCE` from their
 *   targets. The two images are complementary and each has exactly two such
 *   pixels, at the same places.
 * - **separated, not converged**: anything else with four separate outputs.
 *
 * @param result the classifier's result for a network on `images`
 * @param images the four 2x2 images the network was classified on
 */
export function otherKind(result: OutcomeResult, images: ImageSet): OtherKind | null {
  if (result.outcome !== "other") return null;
  const pixels = images.size * images.size;
  const values = [...result.bottlenecks, ...result.reconstructions.flat()];
  if (values.some((value) => !Number.isFinite(value))) return "diverged";

  const sizes = result.groups.map((group) => group.length);
  if (sizes.some((size) => size >= 3)) return "three images collapsed";
  if (sizes.includes(2)) return "pair and a wrong image";

  const unsettled = result.reconstructions.map((reconstruction, i) =>
    reconstruction.flatMap((value, p) =>
      Math.abs(value - images.images[i * pixels + p]) > UNSETTLED_PIXEL_TOLERANCE ? [p] : []
    )
  );
  const affected = unsettled.flatMap((places, i) => (places.length > 0 ? [i] : []));
  if (affected.length === 2) {
    const [first, second] = affected;
    const complementary = Array.from(
      { length: pixels },
      (_, p) => images.images[first * pixels + p] !== images.images[second * pixels + p],
    ).every(Boolean);
    const samePlaces = unsettled[first].length === 2 &&
      unsettled[first].join() === unsettled[second].join();
    if (complementary && samePlaces) return "half-averaged pair";
  }
  return "separated, not converged";
}

/**
 * Writes the collapse groups of a result as text, groups separated by " | "
 * and images within a group joined by "+", such as "0011 | 1010+1100 | 0101".
 * Images are named by `names` (default: the 2x2 image names).
 */
export function groupText(result: OutcomeResult, names: readonly string[] = TWO_BY_TWO_NAMES): string {
  if (result.groups.flat().some((i) => i >= names.length)) {
    throw new RangeError(
      `names must name all ${result.bottlenecks.length} images, got ${names.length} names`,
    );
  }
  return result.groups.map((group) => group.map((i) => names[i]).join("+")).join(" | ");
}
