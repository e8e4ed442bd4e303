"""Reference values for test/accounts/*.test.ts (accountGrowth, crossSellRate).

Rerun: python3 test/reference/accounts.py   (Python 3, numpy, scipy)

- accountGrowth: money as fractions.Fraction (exact); median growth with
  numpy.quantile(method='linear'), which is R quantile type 7 (Hyndman & Fan 1996); NRR of
  the start cohort = Σ end / Σ start (docs/metric-definitions.md §2.2).
- crossSellRate: the Wilson score interval from
  scipy.stats.binomtest(x, n).proportion_ci(method='wilson') (= R prop.test(correct=FALSE)).
"""
from fractions import Fraction

import numpy as np
from scipy.stats import binomtest

# accountGrowth hand-worked portfolio (test 'classifies the hand-worked portfolio'):
portfolio = {  # account: (start, end)
    'a': (100, 130), 'b': (200, 150), 'c': (80, 82), 'd': (50, 0), 'e': (0, 60), 'f': (120, 70 + 50),
}
cohort = {k: v for k, v in portfolio.items() if v[0] > 0}
growth = [Fraction(e - s, s) for s, e in cohort.values()]
print('accountGrowth growths', {k: float(Fraction(e - s, s)) for k, (s, e) in cohort.items()})
print('accountGrowth median (type 7)', float(np.quantile([float(g) for g in growth], 0.5, method='linear')))
print('accountGrowth start, end', sum(s for s, _ in portfolio.values()), sum(e for _, e in portfolio.values()))
print('accountGrowth NRR', float(Fraction(sum(e for _, e in cohort.values()), sum(s for s, _ in cohort.values()))))

# crossSellRate: 3 of 5 accounts hold two or more products (test 'hand-worked customer base').
for confidence in (0.95, 0.9):
    ci = binomtest(3, 5).proportion_ci(confidence_level=confidence, method='wilson')
    print(f'crossSellRate 3/5 wilson {confidence}', repr(float(ci.low)), repr(float(ci.high)))
