"""Kaplan-Meier confidence bounds (plain and log-log) for R survival's `aml` Maintained group.

Rerun: python3 test/reference/kaplan_meier.py   (Python 3, scipy >= 1.10; written against 1.17)

The default ('log') bounds in test/retention/kaplanMeier.test.ts are R's own output
(summary(survfit(Surv(time, status) ~ x, data = aml))) and are not re-derived here.
This script derives the other two interval types from their formulas:

    S(t) = prod over event times t_i <= t of (1 - d_i / n_i)
    Greenwood:  G(t) = sum over t_i <= t of d_i / (n_i (n_i - d_i)),  SE(S) = S sqrt(G)
    plain:      S -+ z S sqrt(G), clipped to [0, 1]
    log-log:    exp(-exp(log(-log S) -+ z sqrt(G) / log S))   (Kalbfleisch-Prentice;
                lifelines' "exponential Greenwood"; R conf.type = "log-log")
    z = scipy.stats.norm.ppf(0.975)

Which test uses which number (test/retention/kaplanMeier.test.ts):
    "log-log bounds ..."  steps[0] and steps[6] lower/upper
    "plain bounds ..."    steps[0] and steps[6] lower/upper
"""

from math import exp, log, sqrt

from scipy.stats import norm

# aml, x = "Maintained" (Embury et al. 1977, as shipped with R survival)
DURATIONS = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161]
EVENTS = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0]


def steps(durations, events, confidence=0.95):
    z = norm.ppf(1 - (1 - confidence) / 2)
    survival, greenwood, rows = 1.0, 0.0, []
    for time in sorted(set(durations)):
        at_risk = sum(1 for d in durations if d >= time)
        died = sum(e for d, e in zip(durations, events) if d == time)
        if died == 0:
            continue
        survival *= 1 - died / at_risk
        greenwood += died / (at_risk * (at_risk - died))
        se = survival * sqrt(greenwood)
        plain = (max(0.0, survival - z * se), min(1.0, survival + z * se))
        if 0 < survival < 1:
            spread = z * sqrt(greenwood) / log(survival)
            log_log = (exp(-exp(log(-log(survival)) - spread)), exp(-exp(log(-log(survival)) + spread)))
        else:
            log_log = (None, None)
        rows.append((time, at_risk, died, survival, plain, log_log))
    return rows


if __name__ == "__main__":
    for index, (time, at_risk, died, survival, plain, log_log) in enumerate(steps(DURATIONS, EVENTS)):
        print(
            f"steps[{index}] t={time} n={at_risk} d={died} S={survival!r}"
            f" plain=({float(plain[0])!r}, {float(plain[1])!r}) log-log=({log_log[0]!r}, {log_log[1]!r})"
        )
