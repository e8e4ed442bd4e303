"""Average deal size: t interval on the mean and order-statistic interval on the median.

Rerun: python3 test/reference/deal_size.py   (Python 3, numpy, scipy >= 1.10; written against 1.17)

    mean ± t(1 - a/2; n - 1) * s / sqrt(n)          scipy.stats.t.interval(c, n-1, mean, sem)
    [x_(r), x_(n-r+1)], r = largest with P(B <= r-1) <= a/2, B ~ Bin(n, 1/2)
                                                    (Conover 1999, Practical Nonparametric
                                                    Statistics, 3rd ed., section 3.2)

Which test uses which number (test/pipeline/averageDealSize.test.ts):
  WON (10 deals)        -> 'matches scipy for the t interval ...', 'median-order interval ...'
  RANKS                 -> 'finds the order-statistic rank of Conover's table ...'
"""
import numpy as np
from scipy import stats

WON = [1200, 4500, 800, 15000, 3000, 2200, 950, 6100, 2700, 1800]
x = np.array(WON, dtype=float)
n = len(x)
mean = x.mean()
sd = x.std(ddof=1)
low, high = stats.t.interval(0.95, n - 1, loc=mean, scale=sd / np.sqrt(n))
print(f'WON: n={n} mean={float(mean)!r} median={float(np.median(x))!r} sd={float(sd)!r}')
print(f'  t 95%: {float(low)!r} {float(high)!r}')
low90, high90 = stats.t.interval(0.9, n - 1, loc=mean, scale=sd / np.sqrt(n))
print(f'  t 90%: {float(low90)!r} {float(high90)!r}')


def rank(n, tail):
    r = 0
    for k in range(0, n):
        if stats.binom.cdf(k, n, 0.5) <= tail:
            r = k + 1
        else:
            break
    return r


s = np.sort(x)
r = rank(n, 0.025)
print(f'  median-order 95%: r={r} bounds {float(s[r - 1])!r} {float(s[n - r])!r} coverage {float(1 - 2 * stats.binom.cdf(r - 1, n, 0.5))!r}')
print('RANKS (n, tail -> r):')
for n_, tail in [(5, 0.025), (6, 0.025), (10, 0.025), (20, 0.025), (20, 0.05), (100, 0.025), (1000, 0.005), (100000, 0.025)]:
    print(f'  [{n_}, {tail}, {rank(n_, tail) if n_ < 5000 else None}],')
# For n = 100000 the loop above is slow; use the quantile function directly:
k = int(stats.binom.ppf(0.025, 100000, 0.5))
while stats.binom.cdf(k, 100000, 0.5) > 0.025:
    k -= 1
print(f'  n=100000 tail=0.025: r={k + 1}')
