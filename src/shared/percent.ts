// Fractions as people read them. The exact fraction stays in the API (progress: 0.7000000000000011
// after floating-point arithmetic); a person is shown the whole percentage beside it (70).

/** `fraction` (1 = 100 %) as a whole percentage, half away from zero; null stays null. */
export function percent(fraction: number | null | undefined): number | null {
  if (fraction == null || !Number.isFinite(fraction)) return null;
  // Rounded at 9 decimals first, so 0.145 (0.14499999… in binary) gives 15, as on paper.
  const hundredths = Math.round(Math.abs(fraction) * 100 * 1e9) / 1e9;
  const rounded = Math.sign(fraction) * Math.round(hundredths);
  return rounded === 0 ? 0 : rounded;
}

/** `part` of `whole` as a whole percentage; null when `whole` is 0 (no share of nothing). */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? percent(part / whole) : null;
}
