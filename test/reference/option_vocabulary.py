"""Reference numbers for the option-vocabulary tests (issue 13, "One set of option words").

Rerun: python3 test/reference/option_vocabulary.py   (Python 3, scipy >= 1.10)

Wilson score intervals (the formula and the scipy cross-check of wilson.py, imported from
it) for the flat `lower` / `upper` bounds that winRate and csat gained in 0.2:

Which test uses which number:
  test/pipeline/winRate.test.ts ('gives the Wilson bounds flat as lower / upper ...')
    2/3 at 90 %                    -> lower / upper of winRate(..., { confidence: 0.9 })
  test/survey/csat.test.ts ('gives the Wilson bounds flat ...')
    3/4 at 95 %                    -> lower / upper of csat([5, 4, 4, 1])
  test/time/slaAttainmentAggregator.test.ts, test/survival/kaplanMeier.test.ts use hand
  arithmetic written in the test, not numbers from here.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from wilson import wilson  # noqa: E402

CASES = [
    ("winRate flat bounds 2/3 90%", 2, 3, 0.90),
    ("csat flat bounds 3/4", 3, 4, 0.95),
]

if __name__ == "__main__":
    for label, x, n, confidence in CASES:
        lower, upper = wilson(x, n, confidence)
        print(f"{label:40s} {x}/{n} @ {confidence}: lower {float(lower)!r} upper {float(upper)!r}")
