"""Empirical-Bayes beta-binomial shrinkage (weighted method of moments) used by the tests.

Rerun: python3 test/reference/shrunk_rates.py   (Python 3, scipy >= 1.10; written against 1.17)

The prior is fitted directly from its moment equation, in exact rational arithmetic
(fractions.Fraction), so no float rounding of the library is shared:

    k rows with n_i > 0, N = sum n_i, p = sum s_i / N, S = sum n_i (s_i/n_i - p)^2
    E[S] = p(1-p) [ (k-1) + rho (N - sum n_i^2 / N - (k-1)) ]      (Kleinman 1973, JASA 68:46)
    solve S = E[S] for rho;  alpha + beta = 1/rho - 1;  alpha = p (alpha + beta)
    shrunk_i = (s_i + alpha) / (n_i + alpha + beta)
    interval_i = scipy.stats.beta.ppf([0.025, 0.975], s_i + alpha, n_i - s_i + beta)

With no valid prior (rho <= 0) the interval is Wilson's of the pooled counts, from
scipy.stats.binomtest(x, n).proportion_ci(method='wilson'); with rho >= 1 (no pooling)
each row's own Wilson interval.

Which test uses which number (test/core/shrunkRates.test.ts):
  'fits the prior worked by hand ... (issue 14: 2 of 2 vs 40 of 60)'  -> TEAM
  'matches scipy for the posterior intervals'                          -> TEAM intervals
  'gives the prior interval to a row without trials'                   -> TEAM + (0, 0)
  'falls back to the pooled Wilson interval when the rows agree'       -> SAME
  'uses each row on its own when the spread exceeds the binomial'     -> APART
"""
from fractions import Fraction as F

from scipy import stats


def moment_fit(rows):
    used = [(s, n) for s, n in rows if n > 0]
    k = len(used)
    N = sum(n for _, n in used)
    p = F(sum(s for s, _ in used), N)
    S = sum(n * (F(s, n) - p) ** 2 for s, n in used)
    Q = sum(F(n * n, N) for _, n in used)
    rho = (S / (p * (1 - p)) - (k - 1)) / (N - Q - (k - 1))
    return N, p, S, Q, rho


def report(label, rows, confidence=0.95):
    N, p, S, Q, rho = moment_fit(rows)
    print(f'{label}: N={N} p={p}={float(p)!r} S={S}={float(S)!r} sum(n^2)/N={Q}={float(Q)!r}')
    print(f'  rho={rho}={float(rho)!r}')
    tail = (1 - confidence) / 2
    if rho <= 0:
        x = sum(s for s, _ in rows)
        ci = stats.binomtest(x, N).proportion_ci(confidence_level=confidence, method='wilson')
        print(f'  prior null; shrunk = p = {float(p)!r}; pooled Wilson {float(ci.low)!r} {float(ci.high)!r}')
        return
    if rho >= 1:
        print('  rho >= 1: no pooling; each row its own Wilson interval')
        for s, n in rows:
            ci = stats.binomtest(s, n).proportion_ci(confidence_level=confidence, method='wilson')
            print(f'  {s}/{n}: rate {s / n!r} Wilson {float(ci.low)!r} {float(ci.high)!r}')
        return
    strength = 1 / rho - 1
    alpha = p * strength
    beta = (1 - p) * strength
    print(f'  alpha+beta={float(strength)!r} alpha={float(alpha)!r} beta={float(beta)!r}')
    for s, n in rows:
        a = float(s + alpha)
        b = float(n - s + beta)
        shrunk = (s + alpha) / (n + alpha + beta)
        low = stats.beta.ppf(tail, a, b)
        high = stats.beta.ppf(1 - tail, a, b)
        print(f'  {s}/{n}: shrunk {float(shrunk)!r} interval {float(low)!r} {float(high)!r}')


TEAM = [(2, 2), (40, 60), (10, 40), (20, 40), (8, 20)]
report('TEAM', TEAM + [(0, 0)])
report('SAME', [(5, 10), (5, 10), (5, 10)])
report('APART', [(2, 2), (0, 2)])
