"""NPS confidence intervals (Wald and adjusted-Wald) and the two-sample comparison used as
expected values by the tests.

Rerun: python3 test/reference/nps_intervals.py   (Python 3, scipy >= 1.10; written against 1.17)

Definitions (B. Rocks 2016, "Interval Estimation for the Net Promoter Score",
The American Statistician 70(4); MeasuringU, "NPS confidence intervals"; SPEC.md):

    each response scores +1 (promoter, 9-10), 0 (passive, 7-8), -1 (detractor, 0-6)
    p = P / n, d = D / n;  variance = p + d - (p - d)^2;  SE = 100 * sqrt(variance / n)
    wald:           100 (p - d) +- z SE
    adjusted-wald:  n' = n + 3, P' = P + 3/4, D' = D + 3/4, computed as wald on the
                    adjusted counts (centred on the adjusted score)
    bounds clipped to [-100, 100];  z = scipy.stats.norm.ppf(1 - (1 - c) / 2)
    comparison a - b (Rocks' nps_test): SE = 100 sqrt(var_a / n_a + var_b / n_b) (adjusted
    counts unless wald), z = (NPS'_a - NPS'_b) / SE, p = 2 Phi(-|z|), bounds clipped to
    [-200, 200]
    weighted responses (npsBySegment): shares from the weights, n = Kish effective sample
    size (sum w)^2 / sum w^2

This script computes them directly from the counts, independently of the library. Each
printed line is labelled with the test file that asserts it.
"""

from math import sqrt

from scipy.stats import norm


def z_of(confidence):
    return norm.ppf(1 - (1 - confidence) / 2)


def moments(promoters, passives, detractors, method, n=None):
    """Centre (on -100..100) and variance/n of one sample; n may be an effective size."""
    total = promoters + passives + detractors
    n = total if n is None else n
    p, d = promoters / total, detractors / total
    if method == "adjusted-wald":
        p, d, n = (p * n + 0.75) / (n + 3), (d * n + 0.75) / (n + 3), n + 3
    return 100 * (p - d), (p + d - (p - d) ** 2) / n


def nps_interval(promoters, passives, detractors, confidence=0.95, method="adjusted-wald", n=None):
    """(observed score, lower, upper, SE) of one sample."""
    score = 100 * (promoters - detractors) / (promoters + passives + detractors)
    centre, variance_over_n = moments(promoters, passives, detractors, method, n)
    standard_error = 100 * sqrt(variance_over_n)
    z = z_of(confidence)
    lower = max(-100.0, centre - z * standard_error)
    upper = min(100.0, centre + z * standard_error)
    return score, float(lower), float(upper), float(standard_error)


def compare_nps(a, b, confidence=0.95, method="adjusted-wald"):
    """(difference', SE, z, p, lower, upper) of NPS_a - NPS_b; a, b are (P, passive, D)."""
    centre_a, variance_a = moments(*a, method)
    centre_b, variance_b = moments(*b, method)
    difference = centre_a - centre_b
    standard_error = 100 * sqrt(variance_a + variance_b)
    z = difference / standard_error if standard_error > 0 else float("nan")
    p_value = 2 * norm.cdf(-abs(z))
    half = z_of(confidence) * standard_error
    lower, upper = max(-200.0, difference - half), min(200.0, difference + half)
    return tuple(float(x) for x in (difference, standard_error, z, p_value, lower, upper))


# label, (P, passive, D), confidence, method, effective n (None: the count)
INTERVALS = [
    ("sheets/hyperformula README sheet 10,9,7,0,3", (2, 1, 2), 0.95, "adjusted-wald", None),
    ("sheets/hyperformula README sheet at 90 %", (2, 1, 2), 0.90, "adjusted-wald", None),
    ("sheets/appsScript NPS_CI 10,9,3", (2, 0, 1), 0.95, "adjusted-wald", None),
    ("sheets/excel NPS_CI 10,0", (1, 0, 1), 0.95, "adjusted-wald", None),
    ("survey/NpsTally 2/1/1 adjusted-wald", (2, 1, 1), 0.95, "adjusted-wald", None),
    ("survey/NpsTally 2/1/1 wald", (2, 1, 1), 0.95, "wald", None),
    ("survey/npsBySegment SMB 10,3,8", (1, 1, 1), 0.95, "adjusted-wald", None),
    ("survey/npsBySegment weights 2,1,1 wald", (2, 1, 1), 0.95, "wald", 16 / 6),
    ("survey/npsBySegment weights 2,1,1 adjusted", (2, 1, 1), 0.95, "adjusted-wald", 16 / 6),
    ("survey/npsInterval 162/108/54 wald", (162, 108, 54), 0.95, "wald", None),
    ("survey/npsInterval 162/108/54 adjusted", (162, 108, 54), 0.95, "adjusted-wald", None),
    ("survey/npsInterval ten 10s adjusted", (10, 0, 0), 0.95, "adjusted-wald", None),
    ("survey/npsInterval 10,9,10,8,7,5,6,9,10 wald 90 %", (5, 2, 2), 0.90, "wald", None),
    ("survey/npsInterval 1024/3 each, wald (width)", (1024 / 3,) * 3, 0.95, "wald", None),
    ("examples quickstart thisMonth", (6, 2, 2), 0.95, "adjusted-wald", None),
]

# label, a, b, confidence, method
COMPARISONS = [
    ("survey/compareNps 60/25/15 vs 45/30/25 wald", (60, 25, 15), (45, 30, 25), 0.95, "wald"),
    ("survey/compareNps 60/25/15 vs 45/30/25 adjusted", (60, 25, 15), (45, 30, 25), 0.95, "adjusted-wald"),
    ("survey/compareNps documented example (wald)", (1, 0, 1), (0, 2, 0), 0.95, "wald"),
    ("survey/compareNps [10] vs [0] adjusted", (1, 0, 0), (0, 0, 1), 0.95, "adjusted-wald"),
    ("examples quickstart thisMonth vs lastMonth", (6, 2, 2), (3, 3, 4), 0.95, "adjusted-wald"),
]

if __name__ == "__main__":
    for label, counts, confidence, method, n in INTERVALS:
        score, lower, upper, se = nps_interval(*counts, confidence, method, n)
        print(f"{label:50s} score {score!r} lower {lower!r} upper {upper!r} SE {se!r} width {upper - lower!r}")
    for label, a, b, confidence, method in COMPARISONS:
        difference, se, z, p, lower, upper = compare_nps(a, b, confidence, method)
        print(f"{label:50s} difference' {difference!r} SE {se!r} z {z!r} p {p!r} lower {lower!r} upper {upper!r}")
