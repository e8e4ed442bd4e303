"""GRR/NRR by month and forecast accuracy by owner from the sample exports, for
test/sql/duckdbExample.test.ts (examples/duckdb.ts).

Rerun: python3 test/reference/duckdb_example.py   (from the repository root; standard library only)

Reads examples/data/account-revenue.csv, forecast-submissions.csv and opportunities.json with
the csv and json modules; money as fractions.Fraction (exact), printed as floats (repr).

Revenue retention (docs/metric-definitions.md §2.2; ChartMogul MRR movements): per account and
month m (after the first), s = its amount in m − 1, e = its amount in m (0 when absent);
S = Σ s; contraction = Σ (s − e) over 0 < e < s; churn = Σ s over s > 0 = e;
expansion = Σ (e − s) over 0 < s < e; reactivation = Σ e over s = 0 < e for an account that
paid in some month before m − 1.
GRR = (S − contraction − churn) / S;
NRR = (S + expansion + reactivation − contraction − churn) / S  (the library's documented NRR,
docs/metric-definitions.md: reactivated revenue counts as retained; new revenue does not).
n = accounts with s > 0 or e > 0.

Forecast accuracy per owner: for each owner and quarter (periodStart..periodEnd in the export),
F = the amount of the commit call with the latest submittedAt; A = Σ amount of the owner's
'won' opportunities whose closedAt, as a New York date, lies in [periodStart, periodEnd]
(0 without any). e = F − A (over-forecast positive).
MAE = mean |e|;  WAPE = Σ |e| / Σ |A|;  ME (bias) = mean e;  n = quarters.
"""
import csv
import json
from collections import defaultdict
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

DATA = Path(__file__).resolve().parents[2] / 'examples' / 'data'


def revenue_retention():
    by_month = defaultdict(lambda: defaultdict(Fraction))
    with open(DATA / 'account-revenue.csv', newline='') as handle:
        for row in csv.DictReader(handle):
            by_month[row['month'][:7]][row['accountId']] += Fraction(row['amount'])
    months = sorted(by_month)
    out = []
    for index in range(1, len(months)):
        before, after = by_month[months[index - 1]], by_month[months[index]]
        month = months[index]
        earlier = {a for m in months[: index - 1] for a, amount in by_month[m].items() if amount > 0}
        start = contraction = churn = expansion = reactivation = Fraction(0)
        n = 0
        for account in set(before) | set(after):
            s, e = before.get(account, Fraction(0)), after.get(account, Fraction(0))
            if s > 0 or e > 0:
                n += 1
            start += s
            if s > 0 and e == 0:
                churn += s
            elif 0 < e < s:
                contraction += s - e
            elif 0 < s < e:
                expansion += e - s
            elif s == 0 < e and account in earlier:
                reactivation += e
        grr = (start - contraction - churn) / start
        nrr = (start + expansion + reactivation - contraction - churn) / start
        out.append((month, float(grr), float(nrr), n))
    return out


def forecast_accuracy():
    calls = {}
    with open(DATA / 'forecast-submissions.csv', newline='') as handle:
        for row in csv.DictReader(handle):
            if row['category'] != 'commit':
                continue
            key = (row['ownerId'], row['periodStart'], row['periodEnd'])
            at = datetime.fromisoformat(row['submittedAt'].replace('Z', '+00:00'))
            if key not in calls or at > calls[key][0]:
                calls[key] = (at, Fraction(row['amount']))
    new_york = ZoneInfo('America/New_York')
    won = []
    for deal in json.loads((DATA / 'opportunities.json').read_text()):
        if deal.get('status') == 'won':
            closed = datetime.fromisoformat(deal['closedAt'].replace('Z', '+00:00'))
            won.append((deal['ownerId'], closed.astimezone(new_york).date(), Fraction(deal['amount'])))
    errors = defaultdict(list)
    for (owner, first, last), (_, forecast) in calls.items():
        start, end = date.fromisoformat(first), date.fromisoformat(last)
        actual = sum((amount for who, day, amount in won if who == owner and start <= day <= end), Fraction(0))
        errors[owner].append((forecast - actual, actual))
    out = []
    for owner in sorted(errors):
        rows = errors[owner]
        n = len(rows)
        mae = sum(abs(e) for e, _ in rows) / n
        wape = sum(abs(e) for e, _ in rows) / sum(abs(a) for _, a in rows)
        me = sum(e for e, _ in rows) / n
        out.append((owner, n, float(mae), float(wape), float(me)))
    return out


if __name__ == '__main__':
    print('# revenueRetentionByMonth: [month, GRR, NRR, n]')
    for month, grr, nrr, n in revenue_retention():
        print(f"['{month}', {grr!r}, {nrr!r}, {n}],")
    print('# forecastAccuracyByOwner: [owner, n, MAE, WAPE, ME]')
    for owner, n, mae, wape, me in forecast_accuracy():
        print(f"['{owner}', {n}, {mae!r}, {wape!r}, {me!r}],")
