"""Reference numbers for test/scorecards/repOutcomeRates.test.ts and repScorecard.test.ts.

Rerun: python3 test/reference/rep_outcome_rates.py   (Python 3, scipy >= 1.10; written against 1.17)

The small team of the tests (ana, ben, cy), counted by hand from the records listed in the
test file:
  lead conversion   ana 3/4, ben 1/4, cy 0/2
  lead contact      ana 4/4, ben 2/4, cy 1/2
  win rate          ana 8/10, ben 3/10, cy 2/2
  proposals-to-win  ana 3/4, ben 1/2, cy 0/0

Each rate's prior is the weighted method-of-moments fit (Kleinman 1973, JASA 68:46), solved
in exact rationals (fractions.Fraction), written out again here rather than imported, so no
code is shared with the library or with shrunk_rates.py:

    k rows with n_i > 0, N = sum n_i, p = sum s_i / N, S = sum n_i (s_i/n_i - p)^2
    rho = (S / (p(1-p)) - (k-1)) / (N - sum n_i^2 / N - (k-1))
    alpha + beta = 1/rho - 1, alpha = p (alpha + beta), beta = (1 - p)(alpha + beta)
    shrunk_i = (s_i + alpha) / (n_i + alpha + beta)
    interval_i = scipy.stats.beta.ppf([0.025, 0.975], s_i + alpha, n_i - s_i + beta)
    rho <= 0: prior null, shrunk = p, interval = Wilson of the pooled counts (scipy binomtest)

The team line of each rate is the pooled rate with its Wilson interval (scipy binomtest).

The scorecard lines are the composite score (cxScore's min-max formula, ACSI rescaling) of
the same team with the default components, from the values listed in the test:
  quota attainment 1.2, 0.5, 1.0 on [0, 1.5]; the shrunk win rate, proposals-to-win and lead
  conversion on [0, 1]; activities per period 3, 1, 0.5 and average deal size 10000, 20000,
  5000 on the team's [0, max]; weights 2, 2, 1, 1, 1, 1.
"""
from fractions import Fraction as F

from scipy import stats

REPS = ['ana', 'ben', 'cy']
RATES = {
    'leadConversionRate': [(3, 4), (1, 4), (0, 2)],
    'leadContactRate': [(4, 4), (2, 4), (1, 2)],
    'winRate': [(8, 10), (3, 10), (2, 2)],
    'proposalsToWin': [(3, 4), (1, 2), (0, 0)],
}


def moment_fit(rows):
    used = [(s, n) for s, n in rows if n > 0]
    k = len(used)
    N = sum(n for _, n in used)
    p = F(sum(s for s, _ in used), N)
    S = sum(n * (F(s, n) - p) ** 2 for s, n in used)
    Q = sum(F(n * n, N) for _, n in used)
    rho = (S / (p * (1 - p)) - (k - 1)) / (N - Q - (k - 1))
    return N, p, rho


def shrink(name, rows):
    N, p, rho = moment_fit(rows)
    x = sum(s for s, _ in rows)
    team = stats.binomtest(x, N).proportion_ci(confidence_level=0.95, method='wilson')
    print(f'{name}: N={N} p={p}={float(p)!r} rho={rho}={float(rho)!r}')
    print(f'  team Wilson {float(team.low)!r} {float(team.high)!r}')
    out = []
    if rho <= 0:
        print('  prior null: every shrunk = p, interval = pooled Wilson')
        for rep, (s, n) in zip(REPS, rows):
            print(f'  {rep} {s}/{n}: shrunk {float(p)!r}')
            out.append(p)
        return out
    strength = 1 / rho - 1
    alpha = p * strength
    beta = (1 - p) * strength
    print(f'  alpha={alpha}={float(alpha)!r} beta={beta}={float(beta)!r}')
    for rep, (s, n) in zip(REPS, rows):
        shrunk = (s + alpha) / (n + alpha + beta)
        low, high = stats.beta.ppf([0.025, 0.975], float(s + alpha), float(n - s + beta))
        print(f'  {rep} {s}/{n}: shrunk {shrunk}={float(shrunk)!r} interval {float(low)!r} {float(high)!r}')
        out.append(shrunk)
    return out


shrunk = {name: shrink(name, rows) for name, rows in RATES.items()}

# The scorecard (test 'scores the small team from the family results').
attainment = [F(6, 5), F(1, 2), F(1)]
activities = [F(3), F(1), F(1, 2)]
deal_size = [F(10000), F(20000), F(5000)]
weights = [2, 2, 1, 1, 1, 1]
for i, rep in enumerate(REPS):
    normalized = [
        attainment[i] / F(3, 2),
        shrunk['winRate'][i],
        shrunk['proposalsToWin'][i],
        shrunk['leadConversionRate'][i],
        activities[i] / max(activities),
        deal_size[i] / max(deal_size),
    ]
    points = [100 * F(w, sum(weights)) * n for w, n in zip(weights, normalized)]
    score = sum(points)
    print(f'scorecard {rep}: score {float(score)!r} points {[float(x) for x in points]!r}')
