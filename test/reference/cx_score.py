"""Composite CX score values used as expected values by the tests.

Rerun: python3 test/reference/cx_score.py   (Python 3 with numpy and scipy; written against scipy 1.17)

Definitions (SPEC.md "cxScore", src/cx-score/cxScore.ts doc comment):
    normalized_i = (value_i - min_i) / (max_i - min_i)     (1 - that when lower is better)
    score = 100 * sum(w_i * normalized_i) / sum(w_i)        over present components
    SE    = 100 * sqrt(sum((w_i / sum w * SE_i / (max_i - min_i))^2))   (independence)
    lower, upper = score -+ z SE clipped to [0, 100],  z = norm.ppf(0.975)
Component standard errors:
    CES mean:           sample sd / sqrt(n)   (R: sd(c(7, 6, 5, 2)) / 2 = 1.080123)
    logo retention p:   sqrt(p (1 - p) / customers)
    NPS (npsInterval):  adjusted-Wald SE, see nps_intervals.py

Which test uses which number:
  test/cx-score/components.test.ts  "carry the scale, direction and standard error ..."
      npsComponent(npsInterval([10, 9, 7, 3])).standardError  -> "NPS [10,9,7,3] adjusted-Wald SE"
  test/cx-score/cxScore.test.ts     "gives an interval with CES and logo retention ..."
      score, standardError, lower, upper                       -> "CES [7,6,5,2] + retention 0.9 of 100"
"""

import sys
from math import sqrt

sys.dont_write_bytecode = True  # keep test/reference free of __pycache__

import numpy as np
from scipy.stats import norm

from nps_intervals import nps_interval  # noqa: E402  (same folder)

if __name__ == "__main__":
    # npsInterval([10, 9, 7, 3]): P = 2, passive = 1, D = 1, n = 4 (adjusted: n' = 7, P' = 2.75, D' = 1.75)
    score, lower, upper, se = nps_interval(2, 1, 1)
    print(f"NPS [10,9,7,3] adjusted-Wald SE {se!r} (score {score!r})")

    ces = np.array([7, 6, 5, 2], dtype=float)
    ces_mean, ces_se = ces.mean(), ces.std(ddof=1) / sqrt(len(ces))
    retention, retention_se = 0.9, sqrt(0.9 * 0.1 / 100)
    components = [  # value, min, max, SE, weight
        (ces_mean, 1.0, 7.0, ces_se, 1.0),
        (retention, 0.0, 1.0, retention_se, 1.0),
    ]
    total = sum(c[4] for c in components)
    cx = 100 * sum(w / total * (v - lo) / (hi - lo) for v, lo, hi, _, w in components)
    cx_se = 100 * sqrt(sum((w / total * s / (hi - lo)) ** 2 for _, lo, hi, s, w in components))
    z = norm.ppf(0.975)
    print(
        "CES [7,6,5,2] + retention 0.9 of 100:",
        f"CES SE {float(ces_se)!r}, score {float(cx)!r}, SE {cx_se!r},",
        f"lower {float(max(0, cx - z * cx_se))!r}, upper {float(min(100, cx + z * cx_se))!r}",
    )
