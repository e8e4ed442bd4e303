"""Wilson score intervals used as expected values by the tests.

Rerun: python3 test/reference/wilson.py   (Python 3, scipy >= 1.10; written against 1.17)

The Wilson score interval for x successes in n trials at confidence c is

    p = x / n,  z = qnorm(1 - (1 - c) / 2)
    centre = (p + z^2 / (2n)) / (1 + z^2 / n)
    half   = z * sqrt(p (1 - p) / n + z^2 / (4 n^2)) / (1 + z^2 / n)
    [centre - half, centre + half]

(Wilson 1927; Newcombe 1998, method 3). It is exactly the interval R's
`prop.test(x, n, correct = FALSE)$conf.int` reports: prop.test without Yates'
continuity correction inverts the score test, which gives this closed form.
R is not installed here, so the numbers are computed from the formula and
cross-checked against scipy.stats.binomtest(x, n).proportion_ci(method='wilson'),
scipy's own implementation of the same interval.

Which test uses which number:
  test/core/wilsonInterval.test.ts
    5/10, 0/10, 10/10 (95 %)       -> the R prop.test values quoted there (0.2365931 0.7634069, 0 0.2775328)
    56/70 (95 %), 3/5 (90 %)       -> 'matches the formula worked by hand ...'
  test/pipeline/stageConversion.test.ts ('gives Wilson intervals ... R prop.test')
    5/6, 3/4, 2/3 (95 %)           -> next-step rows Discovery, Proposal, Negotiation
    3/5 (95 %)                     -> Proposal row with open: 'include'
    5/6, 3/4 (90 %)                -> confidence: 0.9
  test/survey/csat.test.ts ('uses the confidence option for the Wilson interval')
    2/4 at 50 % and at 99 %
  test/pipeline/winRate.test.ts, test/core/groupMetric.test.ts (win rate per owner/month)
    2/3 (95 %)                     -> 0.2076596 0.9385081 (same as stageConversion Negotiation)
  test/survey/csat.test.ts ('matches the documented ...' 70/100)
    70/100 (95 %)                  -> 0.6041515 0.7810511
  test/pipeline/leadRate.test.ts ('groups by source or owner ...')
    1/2 (95 %)                     -> the 'inbound' group's interval
"""

from math import sqrt

from scipy.stats import binomtest, norm


def wilson(x: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    z = norm.ppf(1 - (1 - confidence) / 2)
    p = x / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    lower, upper = max(0.0, centre - half), min(1.0, centre + half)
    check = binomtest(x, n).proportion_ci(confidence_level=confidence, method="wilson")
    assert abs(check.low - lower) < 1e-12 and abs(check.high - upper) < 1e-12, (x, n)
    return lower, upper


CASES = [
    ("wilsonInterval", 5, 10, 0.95),
    ("wilsonInterval", 0, 10, 0.95),
    ("wilsonInterval", 10, 10, 0.95),
    ("wilsonInterval", 56, 70, 0.95),
    ("wilsonInterval", 3, 5, 0.90),
    ("stageConversion Discovery", 5, 6, 0.95),
    ("stageConversion Proposal", 3, 4, 0.95),
    ("stageConversion Negotiation", 2, 3, 0.95),
    ("stageConversion Proposal open=include", 3, 5, 0.95),
    ("stageConversion Discovery 90%", 5, 6, 0.90),
    ("stageConversion Proposal 90%", 3, 4, 0.90),
    ("leadRate inbound", 1, 2, 0.95),
    ("winRate / groupMetric 2/3", 2, 3, 0.95),
    ("csat 70/100", 70, 100, 0.95),
    ("csat 2/4 50%", 2, 4, 0.50),
    ("csat 2/4 99%", 2, 4, 0.99),
]

if __name__ == "__main__":
    for label, x, n, confidence in CASES:
        lower, upper = wilson(x, n, confidence)
        print(f"{label:40s} {x}/{n} @ {confidence}: lower {float(lower)!r} upper {float(upper)!r}")
