"""Beta and Student t quantiles used as expected values by the tests.

Rerun: python3 test/reference/beta_quantile.py   (Python 3, scipy >= 1.10; written against 1.17)

Prints scipy.stats.beta.ppf(p, a, b) over a grid of shape parameters from small (0.02) to
huge (1e9) and tail probabilities from 1e-10 to 1 - 1e-10, and scipy.stats.t.ppf(p, df)
for degrees of freedom from 1 to 1e8, as TypeScript array literals.

Which test uses which number:
  test/core/betaQuantile.test.ts  'agrees with scipy.stats.beta.ppf over a grid ...'  -> BETA_GRID
  test/core/studentTQuantile.test.ts 'agrees with scipy.stats.t.ppf ...'             -> T_GRID
  test/core/betaQuantile.test.ts  'agrees with scipy.special.betainc ...'             -> BETAINC
"""
from scipy import stats

shapes = [0.02, 0.3, 0.5, 1, 2.5, 7, 30, 400, 12_345, 1e6, 1e9]
probabilities = [1e-10, 0.025, 0.3, 0.5, 0.975, 1 - 1e-10]

print('// BETA_GRID: [p, a, b, scipy.stats.beta.ppf(p, a, b)]')
print('const BETA_GRID: readonly (readonly [number, number, number, number])[] = [')
for a in shapes:
    for b in shapes:
        for p in probabilities:
            x = float(stats.beta.ppf(p, a, b))
            print(f'  [{p!r}, {a!r}, {b!r}, {x!r}],')
print(']')

print('// T_GRID: [p, df, scipy.stats.t.ppf(p, df)]')
print('const T_GRID: readonly (readonly [number, number, number])[] = [')
for df in [1, 2, 3, 4.5, 9, 29, 120, 1e4, 1e8]:
    for p in [1e-8, 0.005, 0.025, 0.05, 0.3, 0.5, 0.9, 0.975, 0.995]:
        print(f'  [{p!r}, {df!r}, {float(stats.t.ppf(p, df))!r}],')
print(']')

print('// BETAINC: [x, a, b, scipy.special.betainc(a, b, x)]')
print('const BETAINC: readonly (readonly [number, number, number, number])[] = [')
from scipy import special
for x, a, b in [(0.3, 2, 5), (0.5, 0.5, 0.5), (1e-5, 0.3, 40), (0.999, 30, 0.7), (0.4999, 1e6, 1e6), (2e-9, 1, 1e9)]:
    print(f'  [{x!r}, {a!r}, {b!r}, {float(special.betainc(a, b, x))!r}],')
print(']')
