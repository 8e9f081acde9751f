"""The Article record's JSON Schema rendered as Markdown tables, for docs/schema.md."""

from __future__ import annotations

import json
from typing import Any

from lagebild.article import json_schema


def _type_of(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in spec:
        return " or ".join(_type_of(option) for option in spec["anyOf"])
    if "enum" in spec:
        return " \\| ".join(f"`{value}`" for value in spec["enum"])
    if "const" in spec:
        return f"`{spec['const']}`"
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type_of(spec.get('items', {}))}"
    return str(kind)


def _table(definition: dict[str, Any]) -> list[str]:
    rows = ["| field | type | default | meaning |", "|---|---|---|---|"]
    for name, spec in definition.get("properties", {}).items():
        if name in definition.get("required", []):
            shown = "required"
        elif "default" in spec:
            shown = f"`{json.dumps(spec['default'], ensure_ascii=False)}`"
        else:
            shown = "`[]`"  # lists default to empty
        meaning = spec.get("description", "").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{name}` | {_type_of(spec)} | {shown} | {meaning} |")
    return rows


def schema_markdown() -> str:
    schema = json_schema()
    lines = ["## Article", "", schema.get("description", "").strip(), ""]
    lines += _table(schema)
    for name, definition in sorted(schema.get("$defs", {}).items()):
        lines += ["", f"## {name}", ""]
        if definition.get("description"):
            lines += [" ".join(definition["description"].split()), ""]
        lines += _table(definition)
    lines += [
        "",
        "## JSON Schema",
        "",
        "```json",
        json.dumps(schema, indent=2, ensure_ascii=False),
        "```",
        "",
    ]
    return "\n".join(lines)
