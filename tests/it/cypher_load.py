"""Loads ptkg's Neo4j CSV export into Kùzu (an embedded database that reads
Cypher) and answers `ptkg query serves --goal G` and `ptkg query targets
--metric M` in Cypher. Run by tests/it/cypher_load.rs, which compares the
answers with ptkg's own:

    python3 cypher_load.py CSV_DIR DB_DIR GOAL METRIC > answers.json

The node and relationship tables take their columns and types from the CSV
headers (`value:double` → DOUBLE, `year:int` → INT64, `about:string[]` →
STRING[]), so the test also checks that the headers say what the cells hold.
"""

import csv
import json
import sys

import kuzu

TYPES = {"int": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN", "string[]": "STRING[]"}


def columns(header):
    """(csv column, property name, Kùzu type) for each typed property column."""
    out = []
    for i, h in enumerate(header):
        name, _, ty = h.partition(":")
        if name == "" or ty in ("ID", "START_ID", "END_ID", "TYPE", "LABEL"):
            continue
        out.append((i, name, TYPES.get(ty, "STRING")))
    return out


def value(text, ty):
    if text == "":
        return None
    if ty == "INT64":
        return int(text)
    if ty == "DOUBLE":
        return float(text)
    if ty == "BOOLEAN":
        return text == "true"
    if ty == "STRING[]":
        return text.split(";")
    return text


def load(conn, csv_dir):
    with open(f"{csv_dir}/nodes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    ncols = columns(header)
    id_col, label_col = header.index("id:ID"), header.index(":LABEL")
    props = ", ".join(f"{n} {t}" for _, n, t in ncols)
    conn.execute(f"CREATE NODE TABLE Node(id STRING PRIMARY KEY, label STRING, {props})")
    sets = ", ".join(f"{n}: $p{k}" for k, (_, n, _) in enumerate(ncols))
    create = f"CREATE (:Node {{id: $id, label: $label, {sets}}})"
    for r in rows:
        params = {"id": r[id_col], "label": r[label_col]}
        for k, (i, _, t) in enumerate(ncols):
            params[f"p{k}"] = value(r[i], t)
        conn.execute(create, params)
    with open(f"{csv_dir}/relationships.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    ecols = columns(header)
    props = ", ".join(f"{n} {t}" for _, n, t in ecols)
    conn.execute(f"CREATE REL TABLE Rel(FROM Node TO Node, type STRING, {props})")
    sets = ", ".join(f"{n}: $p{k}" for k, (_, n, _) in enumerate(ecols))
    create = (
        "MATCH (a:Node {id: $a}), (b:Node {id: $b}) "
        f"CREATE (a)-[:Rel {{type: $type, {sets}}}]->(b)"
    )
    s, e, t = header.index(":START_ID"), header.index(":END_ID"), header.index(":TYPE")
    for r in rows:
        params = {"a": r[s], "b": r[e], "type": r[t]}
        for k, (i, _, ty) in enumerate(ecols):
            params[f"p{k}"] = value(r[i], ty)
        conn.execute(create, params)
    return len(rows)


def rows(result):
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def serves(conn, goal):
    """`query serves --goal`: the goals whose name holds `goal`, their
    members (goals, recursively), and every serves or member edge into
    each, with basis, weight, speeches and the first statement."""
    goals = {
        r[0]
        for r in rows(
            conn.execute(
                "MATCH (g:Node) WHERE g.label = 'Goal' AND g.name CONTAINS $q RETURN g.id",
                {"q": goal},
            )
        )
    }
    queue = list(goals)
    while queue:
        members = rows(
            conn.execute(
                "MATCH (m:Node)-[r:Rel]->(g:Node) WHERE g.id = $g AND r.type = 'MEMBER_OF' "
                "AND m.label = 'Goal' RETURN m.id",
                {"g": queue.pop()},
            )
        )
        for (m,) in members:
            if m not in goals:
                goals.add(m)
                queue.append(m)
    result = conn.execute(
        "MATCH (m:Node)-[r:Rel]->(g:Node) WHERE g.id IN $goals "
        "AND r.type IN ['SERVES', 'MEMBER_OF'] "
        "RETURN g.name, m.name, r.basis, r.weight, r.speeches, r.document, r.evidence",
        {"goals": sorted(goals)},
    )
    keys = ["goal", "measure", "basis", "weight", "speeches", "document", "evidence"]
    return [dict(zip(keys, r)) for r in rows(result)]


TARGET_FIELDS = [
    "document", "metric", "value", "value_max", "value_text", "redacted", "unit",
    "base_value", "base_unit", "change", "qualifier", "status", "year", "period",
    "direction", "signed_value", "jurisdiction", "about",
]


def targets(conn, metric):
    """`query targets --metric`: the targets of the metric, with their figures."""
    fields = ", ".join(f"t.{f}" for f in TARGET_FIELDS)
    result = conn.execute(
        "MATCH (t:Node)-[r:Rel]->(m:Node) WHERE r.type = 'OF_METRIC' AND m.label = 'Metric' "
        f"AND m.name = $m RETURN {fields}",
        {"m": metric},
    )
    out = []
    for r in rows(result):
        row = dict(zip(TARGET_FIELDS, r))
        row["redacted"] = bool(row["redacted"])
        row["about"] = row["about"] or []
        out.append(row)
    return out


def main():
    csv_dir, db_dir, goal, metric = sys.argv[1:5]
    conn = kuzu.Connection(kuzu.Database(db_dir))
    edges = load(conn, csv_dir)
    json.dump(
        {"edges": edges, "serves": serves(conn, goal), "targets": targets(conn, metric)},
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()
