"""ISO 8601 week labels for npsTrend / groupMetric weekly rows, from Python's own calendar.

Rerun: python3 test/reference/iso_weeks.py

Each instant is read in its IANA zone (zoneinfo), its local calendar date taken, and that
date's ISO week from `date.isocalendar()` (year of the week's Thursday, weeks numbered from
the week holding 4 January). The week's first instant is local midnight of its Monday.
Used by test/survey/npsTrend.test.ts ("labels Monday weeks as ISO 8601 weeks …"): every
week between the first and the last response is printed, as npsTrend fills empty weeks.
"""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo


def weeks(instants, zone_name):
    zone = ZoneInfo(zone_name)
    local_days = [datetime.fromisoformat(i).astimezone(zone).date() for i in instants]
    monday = min(local_days) - timedelta(days=min(local_days).weekday())
    last = max(local_days)
    rows = []
    while monday <= last:
        year, week, _ = monday.isocalendar()
        start = datetime(monday.year, monday.month, monday.day, tzinfo=zone).astimezone(timezone.utc)
        count = sum(1 for d in local_days if monday <= d < monday + timedelta(days=7))
        rows.append((f"{year}-W{week:02d}", start.isoformat().replace("+00:00", "Z"), count))
        monday += timedelta(days=7)
    return rows


INSTANTS = [
    "2024-12-29T12:00:00+00:00",  # Sunday: last day of 2024-W52
    "2024-12-30T12:00:00+00:00",  # Monday: 2025-W01 starts in 2024
    "2025-01-06T03:00:00+00:00",  # Sunday 5 Jan 22:00 in New York, Monday 6 Jan in UTC
    "2026-12-31T12:00:00+00:00",  # Thursday: 2026 has 53 weeks
    "2027-01-04T12:00:00+00:00",  # Monday: 2027-W01
]

for zone in ["UTC", "America/New_York"]:
    rows = weeks(INSTANTS[:3], zone)
    print(f"npsTrend weeks {zone} (first three instants):", rows)
rows = weeks(INSTANTS[3:], "UTC")
print("npsTrend weeks UTC 2026-12-31 .. 2027-01-04:", rows)
