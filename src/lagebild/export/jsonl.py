"""Full records as JSON Lines: the Article record plus the store's duplicate_of and story_id."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from lagebild.export.output import text_output


def export_jsonl(conn: sqlite3.Connection, out: str | Path) -> int:
    count = 0
    rows = conn.execute(
        "SELECT r.record, a.duplicate_of, a.story_id FROM articles a "
        "JOIN records r ON r.seq = a.seq ORDER BY a.seq"
    )
    with text_output(out) as handle:
        for record_json, duplicate_of, story_id in rows:
            record = json.loads(record_json)
            record["duplicate_of"] = duplicate_of
            record["story_id"] = story_id
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")
            count += 1
    return count
