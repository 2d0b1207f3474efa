// The normal distribution truncated to [a, b] (in standard units): its log mass, log density and draws, the
// kernels of the Parzen estimators. Far in a tail the mass is computed from the scaled complementary
// error function, so that a bin 40 standard deviations out still has a finite log mass.
import erfc from '@stdlib/math-base-special-erfc';
import erfcinv from '@stdlib/math-base-special-erfcinv';
import erfcx from '@stdlib/math-base-special-erfcx';
import type { Rng } from '@lrkit/core';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Φ(x), the standard normal CDF; exact in the lower tail, where it is small. */
function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** log Φ(x): for x < 0 as log(erfcx(-x/√2)/2) - x²/2, which neither underflows nor loses digits. */
function logNormalCdf(x: number): number {
  if (x >= 0) return Math.log1p(-0.5 * erfc(x / Math.SQRT2));
  return Math.log(0.5 * erfcx(-x / Math.SQRT2)) - 0.5 * x * x;
}

/** log(Φ(b) - Φ(a)) for a < b, computed in whichever tail is smaller (the normal is symmetric). */
export function logNormalMass(a: number, b: number): number {
  if (a >= 0) return logNormalMass(-b, -a);
  if (b <= 0) {
    const hi = logNormalCdf(b);
    return hi + Math.log1p(-Math.exp(logNormalCdf(a) - hi));
  }
  // Around the centre: one minus the two tails.
  return Math.log1p(-normalCdf(a) - normalCdf(-b));
}

/** The log density at x of N(mu, sigma) truncated to [low, high]. */
export function truncNormLogPdf(x: number, mu: number, sigma: number, low: number, high: number): number {
  const z = (x - mu) / sigma;
  return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - logNormalMass((low - mu) / sigma, (high - mu) / sigma);
}

/**
 * A draw of N(mu, sigma) truncated to [low, high], by inverting the CDF over the kept mass; done in the
 * lower tail (the interval mirrored where it lies above the mean) so that the CDF values keep their digits.
 */
export function truncNormDraw(rng: Rng, mu: number, sigma: number, low: number, high: number): number {
  let a = (low - mu) / sigma;
  let b = (high - mu) / sigma;
  const mirrored = a > -b;
  if (mirrored) [a, b] = [-b, -a];
  const pa = normalCdf(a);
  const pb = normalCdf(b);
  const u = pa + rng.next() * (pb - pa);
  let z = -Math.SQRT2 * erfcinv(2 * u);
  if (mirrored) z = -z;
  // Rounding can put the inverse a hair outside the interval.
  return Math.min(high, Math.max(low, mu + sigma * z));
}
