"""NPS confidence intervals (Wald and adjusted-Wald) used as expected values by the tests.

Rerun: python3 test/reference/nps_intervals.py   (Python 3, scipy >= 1.10; written against 1.17)

Definitions (B. Rocks 2016, "Interval Estimation for the Net Promoter Score",
The American Statistician 70(4); MeasuringU, "NPS confidence intervals"):

    each response scores +1 (promoter, 9-10), 0 (passive, 7-8), -1 (detractor, 0-6)
    p = P / n, d = D / n;  variance = p + d - (p - d)^2;  SE = 100 * sqrt(variance / n)
    wald:           100 (p - d) +- z SE
    adjusted-wald:  n' = n + 3, P' = P + 3/4, D' = D + 3/4, computed as wald on the
                    adjusted counts (centred on the adjusted score)
    bounds clipped to [-100, 100];  z = scipy.stats.norm.ppf(1 - (1 - c) / 2)

This script computes them directly from the counts, independently of the library.

Which test uses which number:
  test/sheets/hyperformula.test.ts  "computes the README's worked example sheet"
      scores 10, 9, 7, 0, 3 (P=2, passive=1, D=2, n=5), adjusted-Wald 95 %
  test/sheets/appsScript.test.ts    "spills rows ... NPS_CI([[10],[9],[3]])"
      P=2, D=1, n=3, adjusted-Wald 95 %
  test/sheets/excel.test.ts         NPS_CI([[10], [0]])
      P=1, D=1, n=2, adjusted-Wald 95 %
  test/sheets/hyperformula.test.ts  NPS_CI with confidence 0.9 on the README sheet
      P=2, passive=1, D=2, n=5, adjusted-Wald 90 %
  test/survey/NpsTally.test.ts      "NPS_INTERVAL_METHODS: ..." standard errors
      P=2, passive=1, D=1, n=4, adjusted-Wald and Wald 95 %
  test/survey/npsBySegment.test.ts  "scores each segment like netPromoterScore and npsInterval ..."
      SMB scores 10, 3, 8: P=1, passive=1, D=1, n=3, adjusted-Wald 95 %
  test/survey/compareNps.test.ts    "clips the interval of the difference to [-200, 200]"
      compareNps([10], [0]) adjusted-Wald 95 %: difference, SE, lower, upper of the difference
      (SE = 100 sqrt(var_a / n_a + var_b / n_b) on adjusted counts, centred on NPS'_a - NPS'_b)
  (test/reference/cx_score.py imports nps_interval for the npsComponent SE.)
"""

from math import sqrt

from scipy.stats import norm


def nps_interval(promoters, passives, detractors, confidence=0.95, method="adjusted-wald"):
    n = promoters + passives + detractors
    score = 100 * (promoters - detractors) / n
    if method == "adjusted-wald":
        promoters, detractors, n = promoters + 0.75, detractors + 0.75, n + 3
    p, d = promoters / n, detractors / n
    standard_error = 100 * sqrt((p + d - (p - d) ** 2) / n)
    z = norm.ppf(1 - (1 - confidence) / 2)
    centre = 100 * (p - d)
    lower = max(-100.0, centre - z * standard_error)
    upper = min(100.0, centre + z * standard_error)
    return score, float(lower), float(upper), float(standard_error)


def compare_nps(a, b, confidence=0.95):
    """Adjusted-Wald interval of NPS_a - NPS_b; a and b are (P, passive, D) tallies."""
    moments = []
    for promoters, passives, detractors in (a, b):
        n = promoters + passives + detractors + 3
        p, d = (promoters + 0.75) / n, (detractors + 0.75) / n
        moments.append((100 * (p - d), (p + d - (p - d) ** 2) / n))
    difference = moments[0][0] - moments[1][0]
    standard_error = 100 * sqrt(moments[0][1] + moments[1][1])
    z = norm.ppf(1 - (1 - confidence) / 2)
    lower = max(-200.0, difference - z * standard_error)
    upper = min(200.0, difference + z * standard_error)
    return float(difference), float(standard_error), float(lower), float(upper)


CASES = [
    ("README sheet 10,9,7,0,3 (95 %)", 2, 1, 2, 0.95, "adjusted-wald"),
    ("README sheet 10,9,7,0,3 (90 %)", 2, 1, 2, 0.90, "adjusted-wald"),
    ("Apps Script 10,9,3 (95 %)", 2, 0, 1, 0.95, "adjusted-wald"),
    ("Excel 10,0 (95 %)", 1, 0, 1, 0.95, "adjusted-wald"),
    ("NpsTally 2/1/1 adjusted-wald", 2, 1, 1, 0.95, "adjusted-wald"),
    ("NpsTally 2/1/1 wald", 2, 1, 1, 0.95, "wald"),
    ("npsBySegment SMB 10,3,8", 1, 1, 1, 0.95, "adjusted-wald"),
]

if __name__ == "__main__":
    for label, promoters, passives, detractors, confidence, method in CASES:
        score, lower, upper, se = nps_interval(promoters, passives, detractors, confidence, method)
        print(f"{label:34s} score {score!r} lower {lower!r} upper {upper!r} SE {se!r}")
    difference, se, lower, upper = compare_nps((1, 0, 0), (0, 0, 1))
    print(f"compareNps [10] vs [0] adjusted: difference' {difference!r} SE {se!r} lower {lower!r} upper {upper!r}")
