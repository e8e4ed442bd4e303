"""Parse the survey fixture CSVs with Python's csv module (RFC 4180) into rows.json.

The rows are the string records a CSV parser gives with the first line as header: the BOM
kept on the first header (the adapter strips it), CRLF removed, quoted commas kept in their
cell, and the extra header rows of Qualtrics (question text, ImportId JSON) and SurveyMonkey
(answer choice) as the first data rows — which surveyResponses must recognise.
It also prints the epoch seconds of the Delighted created_at values (datetime, UTC) used
in delighted.json.

Rerun (from the repository root) after editing a fixture:
    python3 test/reference/survey_csv_rows.py
Used by test/sources/surveys/fixtures.test.ts.
"""
import csv
import datetime
import json
import pathlib

FOLDER = pathlib.Path(__file__).resolve().parent.parent / 'sources' / 'surveys' / 'fixtures'
rows = {}
for name in ['qualtrics', 'surveymonkey', 'typeform', 'generic']:
    with open(FOLDER / f'{name}.csv', encoding='utf-8', newline='') as handle:
        rows[name] = [dict(row) for row in csv.DictReader(handle)]
(FOLDER / 'rows.json').write_text(json.dumps(rows, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
print({name: len(list_) for name, list_ in rows.items()})
for day in range(1, 6):
    instant = datetime.datetime(2026, 3, day, 10, tzinfo=datetime.timezone.utc)
    print(instant.isoformat(), int(instant.timestamp()))
