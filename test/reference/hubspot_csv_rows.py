"""Parse the HubSpot fixture CSVs with Python's csv module (RFC 4180) into rows.json.

The TypeScript tests read rows.json: the string records a CSV parser gives for each export —
the BOM kept on the first header (the adapters must strip it), CRLF removed, quoted commas
kept in their cell, the empty trailing column as key "" — so the adapters are exercised on
exactly what a well-kept parser yields, without a CSV dependency.

Rerun (from the repository root) after editing a fixture:
    python3 test/reference/hubspot_csv_rows.py
Used by test/sources/hubspot/*.test.ts.
"""
import csv
import json
import pathlib

FOLDER = pathlib.Path(__file__).resolve().parent.parent / 'sources' / 'hubspot' / 'fixtures'
rows = {}
for path in sorted(FOLDER.glob('*.csv')):
    with open(path, encoding='utf-8', newline='') as handle:
        rows[path.stem] = [dict(row) for row in csv.DictReader(handle)]
(FOLDER / 'rows.json').write_text(json.dumps(rows, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
print({name: len(list_) for name, list_ in rows.items()})
