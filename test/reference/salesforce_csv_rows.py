"""Parse the Salesforce fixture CSVs with Python's csv module (RFC 4180) into rows.json.

The TypeScript tests read rows.json: the string records a CSV parser gives for each file —
the BOM kept on the first header (the adapters must strip it), CRLF line ends removed,
quoted commas kept inside their cell, the empty trailing column as key "" — so the tests
exercise the adapters on exactly what a well-kept parser yields, without a CSV dependency.

Rerun (from the repository root) after editing a fixture:
    python3 test/reference/salesforce_csv_rows.py
Used by test/sources/salesforce/fixtures.test.ts.
"""
import csv
import json
import pathlib

FOLDER = pathlib.Path(__file__).resolve().parent.parent / 'sources' / 'fixtures' / 'salesforce'
rows = {}
for name in ['Opportunity', 'OpportunityHistory', 'Lead', 'Task', 'Event']:
    # encoding utf-8 (not utf-8-sig): the BOM stays on the first header, as many parsers leave it.
    with open(FOLDER / f'{name}.csv', encoding='utf-8', newline='') as handle:
        rows[name] = [dict(row) for row in csv.DictReader(handle)]
(FOLDER / 'rows.json').write_text(json.dumps(rows, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
print({name: len(list_) for name, list_ in rows.items()})
