"""Signed forecast errors under the two conventions, for the forecast tests (issue 13).

Rerun: python3 test/reference/forecast_errors.py

cx-metrics 0.2 uses ONE direction for every signed forecast error: e = F − A
(over-forecast positive). R's forecast package defines the error the other way round
(`R/errors.R`: `error <- x - f`, ME = mean(error)), so R's ME is the negation of
cx-metrics' meanError. This script computes R's ME the way errors.R does (numpy, A − F),
then cx-metrics' values from the definitions (F − A), and prints which test asserts which.

Tracking signal: TS_t = Σ_{i≤t} e_i / ((1/t) Σ_{i≤t} |e_i|) with e = F − A
(RSFE / MAD; docs/metric-definitions.md §4.6).
"""
import numpy as np


def r_mean_error(actual, forecast):
    """forecast::accuracy's ME: mean(x - f)."""
    return float(np.mean(np.asarray(actual, float) - np.asarray(forecast, float)))


def tracking_signal(actual, forecast):
    e = np.asarray(forecast, float) - np.asarray(actual, float)
    out = []
    for t in range(1, len(e) + 1):
        mad = np.mean(np.abs(e[:t]))
        out.append(None if mad == 0 else float(np.sum(e[:t]) / mad))
    return out


cases = {
    "meanError.test: documented example": ([10, 20], [8, 18]),
    "meanError.test: over-forecast": ([10, 20], [12, 22]),
    "forecastAccuracyReport.test: documented example": ([100, 0, 50], [110, 5, 45]),
}
for label, (a, f) in cases.items():
    r_me = r_mean_error(a, f)
    print(f"{label}: R forecast::accuracy ME = {r_me!r}; cx-metrics meanError = {-r_me!r}")

ts_cases = {
    "trackingSignal.test: worked table": ([105, 97, 104, 106], [100, 100, 100, 100]),
    "trackingSignal.test: documented example": ([10, 12, 11], [10, 10, 10]),
    "trackingSignal.test: one-sided": ([1, 1, 1, 1, 1], [0, 0, 0, 0, 0]),
    "forecastAccuracyByPeriod.test: ana": ([120, 180], [100, 200]),
}
for label, (a, f) in ts_cases.items():
    print(f"{label}: tracking signal (F - A) = {tracking_signal(a, f)}")
