#!/usr/bin/env python3
"""The spaCy anchor of issue 17 (item 6): ptkg's default rules, run the way a
spaCy user would run them, timed on one core.

    python bench/spacy_rules.py [--rules DIR] [--repeat N] [--engine re|regex] [--all-kinds] [--stages] PATH...
    python bench/spacy_rules.py --check      # sanity check on the rules' own examples
    python bench/spacy_rules.py --describe   # what is matched, and what could not be

What it does:

- Reads ptkg's default rule files from `rules/` (the file list is read from
  `src/rules/defaults.rs`, the list the binary embeds, so the script stays
  in step with the rules), merges their `[vocabulary]` tables and expands
  `"@name"`, `"@name后缀"` and `"!word"` entries as ptkg does.
- Takes the rules of the entity kinds (district, project, sector,
  organization, goal, measure) and of the figure kinds (figure, nontarget,
  unit, qualifier, change, status, metric); `--all-kinds` adds boilerplate and
  heading rules.
- Every rule's `words` go into one `PhraseMatcher` (one key per rule id);
  every rule's `patterns` run with `finditer` over `doc.text`, and each
  match (its `name` group when the pattern has one) becomes a span with
  `doc.char_span(..., alignment_mode="expand")`. Phrase and regex spans of a
  document are collected into `doc.spans["ptkg"]`.
- The patterns are Rust regex syntax. Those Python's `re` takes as written
  run with `re`. The others use `\\p{Han}` or character-class set
  difference (`[\\p{Han}--[的了…]]`), which `re` lacks: by default (`--engine
  re`) each such class is rewritten into the explicit ranges of the
  characters it takes (computed once, at load, with the `regex` package,
  whose `\\p{Han}` is the Script property as in Rust) and the pattern runs
  with `re`; `--engine regex` runs them with the `regex` package
  (`regex.V1`) instead, which was slower on these rules. `--check`
  verifies that both read every rewritten pattern alike on the rules'
  examples. A pattern neither takes would be listed as untranslated
  (`--describe`) and skipped; with the rules of this commit there are none.
- The language is `spacy.blank("zh")`, whose default segmenter is `char`
  (one token per character: no jieba, no pkuseg, no model download), and
  documents go through `nlp.pipe(texts, n_process=1)`.

What it leaves out (so it is a LOWER BOUND on what a spaCy pipeline doing
ptkg's job would cost, and the ratio ptkg/spaCy is conservative, in
spaCy's favour): ptkg's normalised view (full-width folding, traditional →
simplified, PDF spacing), boilerplate removal and the outline (unless
`--all-kinds`), and all post-processing of matches: trim_left, stop words,
exclusions (`exclude*`, `not_before`, `exclude_patterns`), aliases, the
leftmost-longest choice among overlapping words, overlap resolution between
rules, figure parsing (numbers, units, qualifiers, status, years), goal and
measure links, and JSON output. The vocabulary lists the extractors read
around a match (metric_lead, serves_cues, …) are not searched either.

Input: files and folders (folders are walked for `.txt` files; other files
are skipped). A file is decoded as UTF-8 (a BOM is honoured, UTF-16 too)
and, when that fails, as GB18030 (a superset of GBK, which
`examples/gen_corpus.rs` writes for about 10% of its documents). Traditional
documents are matched as they are (no conversion).

Timing: loading the rules and building the matchers is timed apart
(`load_seconds`); files are read and decoded before the clock starts (ptkg's
in-process figure in the harness decodes first too); the first document is
run once to warm up; then the clock covers tokenising, phrase matching,
regex matching and span building of every document, `--repeat` times. The
thread-pool variables (OMP_NUM_THREADS …) are set to 1 before spaCy is
imported. MB/s is UTF-8 text bytes (after decoding) per second.

Output: one machine-readable line on stdout,

    spacy_rules: files=N bytes=B file_bytes=F repeat=K seconds=S mb_per_s=X
        cpu_seconds=C matches=M phrase_matches=P regex_matches=R load_seconds=L
        read_seconds=D phrases=W regexes=G untranslated=U

(one line; wrapped here)

(`bytes` is the UTF-8 text of one pass; `seconds` is wall time and
`cpu_seconds` the process's CPU time over the same passes, which a busy
machine disturbs less; `matches` counts one pass), and a short human
summary on stderr.

Install (spaCy is not needed by ptkg or its tests):

    python3 -m venv /work/spacy-venv
    /work/spacy-venv/bin/pip install 'spacy>=3.8,<3.9' regex
"""

import argparse
import os
import re
import sys
import time
import tomllib
import warnings
from pathlib import Path

# One core: spaCy (numpy, thinc) is imported later, inside Pipeline.
for _var in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
):
    os.environ.setdefault(_var, "1")

ENTITY_KINDS = ("district", "project", "sector", "organization", "goal", "measure")
FIGURE_KINDS = ("figure", "nontarget", "unit", "qualifier", "change", "status", "metric")
OTHER_KINDS = ("boilerplate", "heading")

REPO = Path(__file__).resolve().parent.parent


def default_rule_files(rules_dir: Path) -> list[Path]:
    """The files the binary embeds, in its order (from src/rules/defaults.rs);
    every *.toml of the folder when that list cannot be read."""
    defaults_rs = rules_dir.parent / "src" / "rules" / "defaults.rs"
    try:
        src = defaults_rs.read_text(encoding="utf-8")
        body = src[src.index("DEFAULT_RULE_FILES") :]
        names = re.findall(r'"([^"/]+\.toml)"', body)
    except (OSError, ValueError):
        names = []
    if names:
        return [rules_dir / n for n in names]
    return sorted(rules_dir.glob("*.toml"))


def expand(words: list[str], vocabulary: dict[str, list[str]]) -> list[str]:
    """ptkg's expansion of "@name", "@name后缀" and "!word" entries."""
    removed = {w[1:] for w in words if w.startswith("!")}
    out = []
    for w in words:
        if w.startswith("!"):
            continue
        if w.startswith("@"):
            ref = w[1:]
            m = re.match(r"[A-Za-z0-9_]*", ref)
            name, suffix = ref[: m.end()], ref[m.end() :]
            if name not in vocabulary:
                raise SystemExit(f"spacy_rules: unknown vocabulary list @{name}")
            out.extend(v + suffix for v in vocabulary[name])
        else:
            out.append(w)
    return [w for w in out if w not in removed]


_ALL_CHARS = None
_CLASS_CACHE: dict[str, str] = {}


def _class_members(cls: str) -> str:
    """The characters a class (Rust syntax, read by the `regex` package in
    V1 mode, which has Unicode scripts and set operations as Rust does) takes,
    as an explicit `re` class of ranges."""
    global _ALL_CHARS
    if cls in _CLASS_CACHE:
        return _CLASS_CACHE[cls]
    import regex  # only needed for some patterns

    if _ALL_CHARS is None:
        _ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    cps = sorted(map(ord, regex.findall(cls, _ALL_CHARS, flags=regex.V1)))
    if not cps:
        raise ValueError(f"empty class {cls}")
    runs = []
    start = prev = cps[0]
    for c in cps[1:]:
        if c != prev + 1:
            runs.append((start, prev))
            start = c
        prev = c
    runs.append((start, prev))

    def esc(c: int) -> str:
        ch = chr(c)
        return "\\" + ch if ch in "-]\\^[" else re.escape(ch)

    out = "[" + "".join(esc(a) if a == b else esc(a) + "-" + esc(b) for a, b in runs) + "]"
    _CLASS_CACHE[cls] = out
    return out


def _class_end(p: str, i: int) -> int:
    """Index after the class (nested classes counted) that opens at p[i]."""
    depth = 0
    j = i
    while j < len(p):
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            depth += 1
            j += 1
            if p[j : j + 1] == "^":
                j += 1
            if p[j : j + 1] == "]":
                j += 1
            continue
        if c == "]":
            depth -= 1
            j += 1
            if depth == 0:
                return j
            continue
        j += 1
    raise ValueError("unclosed class")


def to_re(pattern: str) -> str:
    """The pattern with every `\\p{…}` and every class that uses Unicode
    scripts, nested classes or set operations (`[\\p{Han}--[的了]]`)
    replaced by the explicit ranges of the characters it takes: a pattern
    Python's `re` runs with the same meaning."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if pattern[i + 1 : i + 3] in ("p{", "P{"):
                k = pattern.index("}", i)
                out.append(_class_members(pattern[i : k + 1]))
                i = k + 1
            else:
                out.append(pattern[i : i + 2])
                i += 2
            continue
        if c == "[":
            e = _class_end(pattern, i)
            cls = pattern[i:e]
            needs = "\\p" in cls or "\\P" in cls or "--" in cls or "&&" in cls or "~~" in cls or "[" in cls[1:]
            out.append(_class_members(cls) if needs else cls)
            i = e
            continue
        out.append(c)
        i += 1
    return "".join(out)


def compile_pattern(pattern: str, engine: str):
    """(compiled, how): Python's `re` when it takes the pattern as written
    with no warning (a FutureWarning flags a class `re` would read otherwise
    than Rust, such as `[a--[b]]`); otherwise, with engine "re", the pattern
    rewritten by `to_re` for `re`, and with engine "regex" (or when the
    rewrite fails) the `regex` package in V1 mode (Unicode scripts and class
    set operations as Rust's regex has them). Raises when nothing takes it."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return re.compile(pattern), "re"
        except (re.error, FutureWarning, DeprecationWarning):
            pass
        if engine == "re":
            try:
                return re.compile(to_re(pattern)), "re, rewritten"
            except (re.error, FutureWarning, DeprecationWarning, ValueError):
                pass
    import regex  # only needed for some patterns

    return regex.compile(pattern, regex.V1), "regex"


class Rules:
    """The rules as a spaCy user would load them: phrase lists and regexes."""

    def __init__(self, rules_dir: Path, kinds: tuple[str, ...], engine: str = "re"):
        files = default_rule_files(rules_dir)
        parsed = []
        vocabulary: dict[str, list[str]] = {}
        for f in files:
            with open(f, "rb") as fh:
                data = tomllib.load(fh)
            parsed.append((f, data))
            for key, value in data.get("vocabulary", {}).items():
                if key == "custom":
                    vocabulary.update(value)
                else:
                    vocabulary[key] = value
        self.files = files
        # (rule id, kind, words)
        self.word_rules: list[tuple[str, str, list[str]]] = []
        # (rule id, kind, pattern index, source, compiled, engine, has name group)
        self.regexes = []
        # (rule id, pattern index, source, error)
        self.untranslated = []
        self.examples = []  # (rule id, text, expected names)
        self.example_texts: list[str] = []  # the other examples and counter-examples
        for _file, data in parsed:
            for rule in data.get("rule", []):
                kind = rule["kind"]
                if kind not in kinds:
                    continue
                rid = rule["id"]
                words = expand(rule.get("words", []), vocabulary)
                if words:
                    # one phrase per distinct word, in file order
                    self.word_rules.append((rid, kind, list(dict.fromkeys(words))))
                for i, p in enumerate(rule.get("patterns", [])):
                    try:
                        compiled, how = compile_pattern(p, engine)
                    except Exception as e:  # any engine error
                        self.untranslated.append((rid, i, p, str(e)))
                        continue
                    has_name = "name" in compiled.groupindex
                    self.regexes.append((rid, kind, i, p, compiled, how, has_name))
                for ex in rule.get("examples", []):
                    if isinstance(ex, dict) and "text" in ex and ex.get("expect"):
                        self.examples.append((rid, ex["text"], ex["expect"]))
                    elif isinstance(ex, dict) and "text" in ex:
                        self.example_texts.append(ex["text"])
                for ex in rule.get("counter_examples", []):
                    text = ex.get("text") if isinstance(ex, dict) else ex
                    if isinstance(text, str):
                        self.example_texts.append(text)

    def phrase_count(self) -> int:
        return sum(len(w) for _, _, w in self.word_rules)


class Pipeline:
    """blank zh (char segmenter), a PhraseMatcher and the regexes."""

    def __init__(self, rules: Rules):
        import spacy  # after the thread variables are set
        from spacy.matcher import PhraseMatcher

        self.nlp = spacy.blank("zh")
        self.segmenter = str(self.nlp.tokenizer.segmenter)
        self.matcher = PhraseMatcher(self.nlp.vocab)  # attr ORTH
        for rid, _kind, words in rules.word_rules:
            self.matcher.add(rid, list(self.nlp.tokenizer.pipe(words)))
        self.regexes = [(rid, compiled, has_name) for rid, _k, _i, _p, compiled, _e, has_name in rules.regexes]

    def process(self, doc):
        """Matches of one document as spans in doc.spans["ptkg"]: (phrase
        matches, regex matches)."""
        spans = list(self.matcher(doc, as_spans=True))
        phrases = len(spans)
        text = doc.text
        char_span = doc.char_span
        for rid, compiled, has_name in self.regexes:
            for m in compiled.finditer(text):
                start, end = m.span("name") if has_name else m.span()
                if start < 0 or end <= start:
                    start, end = m.span()
                    if end <= start:
                        continue
                span = char_span(start, end, label=rid, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans["ptkg"] = spans
        return phrases, len(spans) - phrases


def decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def input_files(paths: list[str]) -> list[Path]:
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.txt") if q.is_file()))
        elif p.suffix.lower() == ".txt" and p.is_file():
            out.append(p)
        elif not p.exists():
            raise SystemExit(f"spacy_rules: {p}: no such file or folder")
        else:
            print(f"spacy_rules: skipping {p} (not a .txt file)", file=sys.stderr)
    return out


def stages(pipeline: Pipeline, texts: list[str]) -> None:
    """One more pass, each stage timed apart (on stderr): tokenising, the
    PhraseMatcher, the regexes, the spans of the regex matches."""
    tok = phrase = find = span = 0.0
    clock = time.perf_counter
    for text in texts:
        t0 = clock()
        doc = pipeline.nlp.make_doc(text)
        t1 = clock()
        spans = list(pipeline.matcher(doc, as_spans=True))
        t2 = clock()
        found = [
            (rid, m.span("name") if has_name and m.start("name") < m.end("name") else m.span())
            for rid, compiled, has_name in pipeline.regexes
            for m in compiled.finditer(text)
        ]
        t3 = clock()
        for rid, (start, end) in found:
            if end > start:
                sp = doc.char_span(start, end, label=rid, alignment_mode="expand")
                if sp is not None:
                    spans.append(sp)
        doc.spans["ptkg"] = spans
        t4 = clock()
        tok += t1 - t0
        phrase += t2 - t1
        find += t3 - t2
        span += t4 - t3
    total = tok + phrase + find + span
    print(
        "spacy_rules: stages of one pass: "
        + ", ".join(
            f"{name} {secs:.2f} s ({100 * secs / total:.0f}%)"
            for name, secs in (
                ("tokeniser (char)", tok),
                ("PhraseMatcher", phrase),
                ("regexes", find),
                ("char_span + doc.spans", span),
            )
        ),
        file=sys.stderr,
    )


def describe(rules: Rules) -> None:
    by_kind: dict[str, list[int]] = {}
    for _rid, kind, words in rules.word_rules:
        by_kind.setdefault(kind, [0, 0])[0] += len(words)
    engines: dict[str, int] = {}
    for _rid, kind, _i, _p, _c, how, _n in rules.regexes:
        by_kind.setdefault(kind, [0, 0])[1] += 1
        engines[how] = engines.get(how, 0) + 1
    print(f"rule files: {', '.join(f.name for f in rules.files)}")
    print("| kind | phrases (PhraseMatcher) | regexes |")
    print("|---|---|---|")
    for kind, (w, r) in sorted(by_kind.items()):
        print(f"| {kind} | {w} | {r} |")
    print(f"| all | {rules.phrase_count()} | {len(rules.regexes)} |")
    print(
        f"word-list rules {len(rules.word_rules)}; regexes by engine: "
        + ", ".join(f"{how} {n}" for how, n in sorted(engines.items()))
        + f"; untranslated {len(rules.untranslated)}"
    )
    for rid, i, p, err in rules.untranslated:
        print(f"untranslated: {rid} pattern {i}: {p!r}: {err}")


def check(rules: Rules, pipeline: Pipeline) -> int:
    """Each rule's examples: how many expected names (present in the text)
    one of the rule's own spans overlaps. ptkg trims and filters matches,
    so overlap, not equality, is what raw matching should give."""
    found = missed = 0
    misses = []
    for rid, text, expect in rules.examples:
        doc = pipeline.nlp.make_doc(text)
        pipeline.process(doc)
        mine = [(s.start_char, s.end_char) for s in doc.spans["ptkg"] if s.label_ == rid]
        for name in expect:
            at = text.find(name)
            if at < 0:
                continue  # an alias's canonical name, or a normalised form
            if any(s < at + len(name) and at < e for s, e in mine):
                found += 1
            else:
                missed += 1
                misses.append((rid, name, text))
    total = found + missed
    print(
        f"spacy_rules --check: {len(rules.examples)} examples; {found} of {total} expected names "
        f"overlapped by a span of their rule"
    )
    for rid, name, text in misses[:20]:
        print(f"  missed: {rid}: {name} in {text}")
    # Every pattern rewritten for `re` against the `regex` package reading it
    # as written, on every example and counter-example text of the rules.
    import regex

    texts = [t for _, t, _ in rules.examples] + rules.example_texts
    rewritten = differ = 0
    for rid, _kind, i, source, compiled, how, _n in rules.regexes:
        if how != "re, rewritten":
            continue
        rewritten += 1
        reference = regex.compile(source, regex.V1)
        for t in texts:
            if [m.span() for m in compiled.finditer(t)] != [m.span() for m in reference.finditer(t)]:
                differ += 1
                print(f"  differs: {rid} pattern {i} on {t}")
                break
    print(
        f"spacy_rules --check: {rewritten} patterns rewritten for re; {differ} match otherwise than the "
        f"regex package on the {len(texts)} example texts"
    )
    return 0 if total and found / total >= 0.95 and not differ else 1


def main() -> int:
    ap = argparse.ArgumentParser(
        description="ptkg's default rules as a spaCy rule pipeline (blank zh, PhraseMatcher, regexes "
        "mapped to spans), timed on one core.",
    )
    ap.add_argument("paths", nargs="*", help=".txt files or folders of them")
    ap.add_argument("--rules", type=Path, default=REPO / "rules", help="rule folder (default: the repository's rules/)")
    ap.add_argument("--repeat", type=int, default=1, help="process the documents this many times (for small sets)")
    ap.add_argument("--all-kinds", action="store_true", help="also boilerplate and heading rules")
    ap.add_argument(
        "--engine",
        choices=("re", "regex"),
        default="re",
        help="patterns that Python's re cannot take as written (\\p{Han}, [a--[b]]): rewritten into explicit "
        "ranges for re (default), or run with the regex package",
    )
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    ap.add_argument("--stages", action="store_true", help="after the timed passes, time each stage of one more pass")
    ap.add_argument("--describe", action="store_true", help="print what is matched and exit")
    ap.add_argument("--check", action="store_true", help="run the rules' examples and exit (0 if ≥95%% found)")
    a = ap.parse_args()
    kinds = ENTITY_KINDS + FIGURE_KINDS + (OTHER_KINDS if a.all_kinds else ())

    t = time.perf_counter()
    rules = Rules(a.rules, kinds, a.engine)
    if a.describe:
        describe(rules)
        return 0
    pipeline = Pipeline(rules)
    load_seconds = time.perf_counter() - t
    if a.check:
        return check(rules, pipeline)
    if not a.paths:
        ap.error("give files or folders (or --check / --describe)")

    t = time.perf_counter()
    files = input_files(a.paths)
    file_bytes = 0
    texts = []
    for f in files:
        raw = f.read_bytes()
        file_bytes += len(raw)
        texts.append(decode(raw))
    text_bytes = sum(len(s.encode("utf-8")) for s in texts)
    read_seconds = time.perf_counter() - t
    if not texts:
        raise SystemExit("spacy_rules: no .txt files")

    # warm-up (lazy tables, first allocations), not timed
    pipeline.process(pipeline.nlp.make_doc(texts[0]))

    phrase_matches = regex_matches = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(max(1, a.repeat)):
        phrase_matches = regex_matches = 0
        for doc in pipeline.nlp.pipe(texts, batch_size=a.batch_size, n_process=1):
            p, r = pipeline.process(doc)
            phrase_matches += p
            regex_matches += r
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    repeat = max(1, a.repeat)
    mbps = text_bytes * repeat / 1e6 / seconds
    matches = phrase_matches + regex_matches
    print(
        f"spacy_rules: files={len(texts)} bytes={text_bytes} file_bytes={file_bytes} repeat={repeat} "
        f"seconds={seconds:.4f} mb_per_s={mbps:.3f} cpu_seconds={cpu_seconds:.4f} "
        f"matches={matches} phrase_matches={phrase_matches} "
        f"regex_matches={regex_matches} load_seconds={load_seconds:.3f} read_seconds={read_seconds:.3f} "
        f"phrases={rules.phrase_count()} regexes={len(rules.regexes)} untranslated={len(rules.untranslated)}"
    )
    if a.stages:
        stages(pipeline, texts)
    print(
        f"spacy_rules: spaCy blank zh (segmenter {pipeline.segmenter}), {rules.phrase_count()} phrases in "
        f"{len(rules.word_rules)} PhraseMatcher keys, {len(rules.regexes)} regexes "
        f"({len(rules.untranslated)} untranslated); rules loaded in {load_seconds:.2f} s. "
        f"{len(texts)} files, {text_bytes / 1e6:.2f} MB of text ×{repeat} in {seconds:.2f} s on one core: "
        f"{mbps:.2f} MB/s ({text_bytes * repeat / 1e6 / cpu_seconds:.2f} MB per CPU-second), "
        f"{matches} spans per pass ({phrase_matches} phrase, {regex_matches} regex)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
