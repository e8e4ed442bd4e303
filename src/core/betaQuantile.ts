/**
 * The Beta distribution's regularized incomplete beta function and its inverse (the Beta
 * quantile), for the posterior intervals of `shrunkRates` and, through the identity
 * between Student's t and the Beta distribution, for `studentTQuantile`. Internal: the
 * callers check their arguments (a > 0, b > 0, finite, 0 ≤ x ≤ 1, 0 < p < 1).
 *
 * ```text
 * I_x(a, b) = x^a (1 − x)^b / (a B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ …)))   x < (a+1)/(a+b+2)
 *           = 1 − I_{1−x}(b, a)                                      otherwise
 * d₂ₘ₊₁ = −(a+m)(a+b+m) x / ((a+2m)(a+2m+1)),  d₂ₘ = m(b−m) x / ((a+2m−1)(a+2m))
 * ```
 * The continued fraction is evaluated by the modified Lentz method (Numerical Recipes, 3rd
 * ed., §6.4 `betacf`); the prefactor x^a (1 − x)^b / B(a, b) is computed in logarithms, with
 * Stirling's series for the large arguments so that lnΓ(a) + lnΓ(b) − lnΓ(a + b) does not
 * cancel to noise when a or b is in the millions (the idea of DiDonato & Morris 1992,
 * ACM TOMS 18:360–373, `brcomp`). The quantile starts from Numerical Recipes' `invbetai`
 * guess (Abramowitz & Stegun 26.5.22 for a, b ≥ 1) and refines it with Halley steps kept
 * inside a bracket that bisection narrows whenever a step would leave it.
 */

const LANCZOS_G = 607 / 128
// Godfrey's Lanczos coefficients for g = 607/128, n = 15 (relative error < 1e-15).
const LANCZOS = [
  0.9999999999999971, 57.15623566586292, -59.59796035547549, 14.136097974741746,
  -0.4919138160976202, 0.00003399464998481189, 0.00004652362892704858, -0.00009837447530487956,
  0.0001580887032249125, -0.00021026444172410488, 0.00021743961811521265, -0.0001643181065367639,
  0.00008441822398385275, -0.000026190838401581408, 0.0000036899182659531625,
] as const
const HALF_LOG_TWO_PI = 0.9189385332046728
/** Above this, lnΓ is taken from Stirling's series with its remainder. */
const STIRLING_FROM = 10

/** ln Γ(x) for x > 0 (Lanczos; Γ(x) = Γ(x + 1)/x below 0.5). */
export function logGamma(x: number): number {
  if (x < 0.5) return logGamma(x + 1) - Math.log(x)
  const shifted = x - 1
  let sum = LANCZOS[0]
  for (let index = 1; index < LANCZOS.length; index++) {
    sum += (LANCZOS[index] as number) / (shifted + index)
  }
  const t = shifted + LANCZOS_G + 0.5
  return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(sum)
}

/**
 * Stirling's remainder δ(x) = lnΓ(x) − ((x − ½) ln x − x + ½ ln 2π) for x ≥ 10
 * (Abramowitz & Stegun 6.1.41; the next term is below 1e−12 of the last kept one).
 */
function stirlingRemainder(x: number): number {
  const inverse = 1 / x
  const square = inverse * inverse
  return (
    inverse *
    (1 / 12 - square * (1 / 360 - square * (1 / 1260 - square * (1 / 1680 - square / 1188))))
  )
}

/**
 * ln( x^a (1 − x)^b / B(a, b) ) for 0 < x < 1, without the cancellation of the plain
 * formula when a or b is large.
 */
export function logBetaPowerTerms(x: number, a: number, b: number): number {
  const logX = Math.log(x)
  const logOneMinusX = Math.log1p(-x)
  const c = a + b
  if (a >= STIRLING_FROM && b >= STIRLING_FROM) {
    // a ln(xc/a) + b ln((1−x)c/b) + ½ ln(ab/c) − ½ ln 2π − δ(a) − δ(b) + δ(c), with
    // xc − a = xb − (1 − x)a written so that it is small near the mode.
    const excess = x * b - (1 - x) * a
    return (
      a * Math.log1p(excess / a) +
      b * Math.log1p(-excess / b) +
      0.5 * (Math.log(a) + Math.log(b) - Math.log(c)) -
      HALF_LOG_TWO_PI -
      stirlingRemainder(a) -
      stirlingRemainder(b) +
      stirlingRemainder(c)
    )
  }
  if (b >= STIRLING_FROM) {
    // lnΓ(b) − lnΓ(c) = −(b − ½) ln(1 + a/b) − a ln c + a + δ(b) − δ(c).
    return (
      a * (logX + Math.log(c)) +
      b * logOneMinusX -
      logGamma(a) +
      (b - 0.5) * Math.log1p(a / b) -
      a -
      stirlingRemainder(b) +
      stirlingRemainder(c)
    )
  }
  if (a >= STIRLING_FROM) {
    return (
      b * (logOneMinusX + Math.log(c)) +
      a * logX -
      logGamma(b) +
      (a - 0.5) * Math.log1p(b / a) -
      b -
      stirlingRemainder(a) +
      stirlingRemainder(c)
    )
  }
  return a * logX + b * logOneMinusX - logGamma(a) - logGamma(b) + logGamma(c)
}

const TINY = 1e-300
const EPSILON = 1e-16
/** Enough for the continued fraction up to a + b ≈ 1e12 (it needs O(√max(a, b)) terms). */
const MAX_TERMS = 2_000_000

/**
 * The continued fraction of I_x(a, b) (Numerical Recipes `betacf`, modified Lentz), given
 * x and 1 − x: above x = 0.5 its first denominator 1 − (a + b)x/(a + 1) is written as
 * ((a + b)(1 − x) − (b − 1))/(a + 1), which keeps its digits when x is just below 1.
 */
function betaContinuedFraction(x: number, complement: number, a: number, b: number): number {
  const sum = a + b
  const plusOne = a + 1
  const minusOne = a - 1
  let c = 1
  let d = x < 0.5 ? 1 - (sum * x) / plusOne : (sum * complement - (b - 1)) / plusOne
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m <= MAX_TERMS; m++) {
    const twoM = 2 * m
    let term = (m * (b - m) * x) / ((minusOne + twoM) * (a + twoM))
    d = 1 + term * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + term / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    term = (-(a + m) * (sum + m) * x) / ((a + twoM) * (plusOne + twoM))
    d = 1 + term * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + term / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const step = d * c
    h *= step
    if (Math.abs(step - 1) < EPSILON) break
  }
  return h
}

/**
 * One tail of Beta(a, b) at 0 ≤ x ≤ 1: P(X ≤ x) (`upper` false; scipy `betainc`, R `pbeta`)
 * or P(X > x) (`upper` true), each computed directly on the side of the mean where the
 * continued fraction converges, so that a tiny tail keeps its digits. Internal.
 */
export function betaTail(x: number, a: number, b: number, upper: boolean): number {
  if (x <= 0) return upper ? 1 : 0
  if (x >= 1) return upper ? 0 : 1
  return tailOfPower(x, a, b, upper, Math.exp(logBetaPowerTerms(x, a, b)))
}

/** `betaTail` for 0 < x < 1 given power = x^a (1 − x)^b / B(a, b). */
function tailOfPower(x: number, a: number, b: number, upper: boolean, power: number): number {
  // Numerical Recipes' switch at the mean, except where its side's fraction starts near 1
  // with a huge first parameter (b·x or a·(1 − x) at most 5): there it loses digits to
  // cancellation, while the other side converges in a few dozen terms.
  let direct = x < (a + 1) / (a + b + 2)
  if (direct && a > 1000 && a * (1 - x) <= 5) direct = false
  else if (!direct && b > 1000 && b * x <= 5) direct = true
  if (direct) {
    const lower = (power * betaContinuedFraction(x, 1 - x, a, b)) / a
    return upper ? 1 - lower : lower
  }
  const tail = (power * betaContinuedFraction(1 - x, x, b, a)) / b
  return upper ? tail : 1 - tail
}

/** The regularized incomplete beta function I_x(a, b) = P(X ≤ x). Internal. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  return betaTail(x, a, b, false)
}

/** Numerical Recipes' `invbetai` starting point for I_x(a, b) = p. */
function initialGuess(p: number, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    const tail = p < 0.5 ? p : 1 - p
    const t = Math.sqrt(-2 * Math.log(tail))
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
    if (p < 0.5) z = -z
    const lambda = (z * z - 3) / 6
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
    const w =
      (z * Math.sqrt(lambda + h)) / h -
      (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5 / 6 - 2 / (3 * h))
    return a / (a + b * Math.exp(2 * w))
  }
  const logA = Math.log(a / (a + b))
  const logB = Math.log(b / (a + b))
  const t = Math.exp(a * logA) / a
  const u = Math.exp(b * logB) / b
  const w = t + u
  return p < t / w ? (a * w * p) ** (1 / a) : 1 - (b * w * (1 - p)) ** (1 / b)
}

/**
 * The `x` with I_x(a, b) = p: the p-quantile of Beta(a, b) (scipy `beta.ppf`, R `qbeta`),
 * for a, b > 0 and 0 < p < 1. Above the median it solves P(X > x) = 1 − p, so that an upper
 * quantile near 0 (a small, b huge) keeps its relative precision. Internal.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  return p > 0.5 ? betaTailQuantile(1 - p, a, b, true) : betaTailQuantile(p, a, b, false)
}

/**
 * The `x` whose lower tail P(X ≤ x) (`upper` false) or upper tail P(X > x) (`upper` true)
 * is `tail`, for X ~ Beta(a, b), a, b > 0, 0 < tail < 1 — given the tail itself, so that
 * a tail of 1e−12 is not first rounded through 1 − 1e−12. Internal.
 */
export function betaTailQuantile(tail: number, a: number, b: number, upper: boolean): number {
  let low = 0
  let high = 1
  let x = initialGuess(upper ? 1 - tail : tail, a, b)
  if (!(x > 0 && x < 1)) x = 0.5
  for (let iteration = 0; iteration < 1000; iteration++) {
    // Increasing in x either way; the power term serves the tail and the density.
    const power = Math.exp(logBetaPowerTerms(x, a, b))
    const error = upper
      ? tail - tailOfPower(x, a, b, true, power)
      : tailOfPower(x, a, b, false, power) - tail
    if (error === 0) return x
    if (error < 0) low = x
    else high = x
    const density = power / (x * (1 - x))
    let next = Number.NaN
    if (density > 0 && Number.isFinite(density)) {
      const u = error / density
      // Halley's correction, limited as in Numerical Recipes `invbetai`.
      const curvature = Math.min(1, u * ((a - 1) / x - (b - 1) / (1 - x)))
      next = x - u / (1 - 0.5 * curvature)
    }
    if (!(next > low && next < high)) {
      // Bisect; geometrically while the bracket spans orders of magnitude near 0 or 1.
      if (low === 0 && high < 0.25) next = high / 16
      else if (high === 1 && low > 0.75) next = 1 - (1 - low) / 16
      else next = (low + high) / 2
      if (!(next > low && next < high)) return x
    }
    if (Math.abs(next - x) <= 4e-16 * Math.max(next, 1e-300)) return next
    x = next
  }
  return x
}
