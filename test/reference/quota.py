"""Reference values for test/quota/*.test.ts (quotaAttainment, quotaPacing).

Rerun: python3 test/reference/quota.py   (Python 3, numpy)

- Attainment percentiles: numpy.quantile(method='linear') is R quantile type 7
  (Hyndman & Fan 1996), the method quotaAttainment's distribution documents.
- Business days: numpy.busday_count(start, end_exclusive, weekmask='1111100', holidays=...)
  counts Monday–Friday days not in holidays, the whole-day business days quotaPacing's
  default calendar (and a calendar with 00:00–24:00 weekdays) counts.
- Money: fractions.Fraction, exact.
"""
from fractions import Fraction

import numpy as np

# quotaAttainment.test.ts "distribution of five reps"
# booked / quota per rep, exact
reps = {
    'ana': (Fraction(120000), Fraction(100000)),
    'ben': (Fraction(40000), Fraction(80000)),
    'cy': (Fraction(75000), Fraction(75000)),
    'dee': (Fraction(90000), Fraction(120000)),
    'eli': (Fraction(0), Fraction(50000)),
}
attainments = [float(b / q) for b, q in reps.values()]
print('attainments', attainments)
print('five reps: median p10 p90', np.quantile(attainments, [0.5, 0.1, 0.9], method='linear'))
print('five reps: atOrAbove', sum(1 for b, q in reps.values() if b >= q) / len(reps))

# quotaAttainment.test.ts "documented example"
print('example: median p10 p90', np.quantile([1.2, 0.5], [0.5, 0.1, 0.9], method='linear'))

# quotaPacing.test.ts: Q1 2026, 1,000,000 quota, 300,000 booked, asOf 2026-02-10 00:00
total = np.busday_count('2026-01-01', '2026-04-01')
elapsed = np.busday_count('2026-01-01', '2026-02-10')
print('business days Q1 2026 total, elapsed by Feb 10:', total, elapsed)
quota, booked = Fraction(1_000_000), Fraction(300_000)
print('business: expected', quota * elapsed / total, 'pace', float(booked / (quota * elapsed / total)),
      'projected', booked * total / elapsed)
holidays = ['2026-01-01', '2026-01-19', '2026-02-16']  # US: New Year, MLK day, Presidents' day
total_h = np.busday_count('2026-01-01', '2026-04-01', holidays=holidays)
elapsed_h = np.busday_count('2026-01-01', '2026-02-10', holidays=holidays)
print('with US holidays total, elapsed:', total_h, elapsed_h, 'expected', quota * elapsed_h / total_h)
