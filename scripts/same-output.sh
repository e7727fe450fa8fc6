#!/usr/bin/env bash
# Records what ptkg prints on a fixed set of inputs, so a refactor can prove
# it changes nothing: `scripts/same-output.sh DIR` writes DIR/ (extract JSON
# on examples/, ../shared/corpus, ../shared/corpus_web and 300 generated
# speeches, then stats/list/show/query/export output on a store of them);
# `diff -r BEFORE AFTER` compares two such folders.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/same-output.sh OUT_DIR}
mkdir -p "$out"
# PTKG_PROFILE=debug skips the release build (slower to run, same output).
profile=${PTKG_PROFILE:-release}
cargo build --profile "${profile/debug/dev}" --quiet --bin ptkg --example gen_corpus
bin=target/$profile/ptkg
gen=${PTKG_GEN_DIR:-/tmp/ptkg-same-output-gen}
if [ ! -f "$gen/corpus.info" ]; then
  rm -rf "$gen"
  target/$profile/examples/gen_corpus --docs 300 --out "$gen" >/dev/null
fi
inputs=(examples)
[ -d ../shared/corpus ] && inputs+=(../shared/corpus)
[ -d ../shared/corpus_web ] && inputs+=(../shared/corpus_web)
inputs+=("$gen")
i=0
for dir in "${inputs[@]}"; do
  find "$dir" -type f \( -name '*.txt' -o -name '*.html' -o -name '*.md' \) | LC_ALL=C sort >"$out/files.$i"
  # One process per 50 files keeps argument lists short.
  xargs -a "$out/files.$i" -n 50 "$bin" extract --format json >"$out/extract.$i.jsonl" 2>"$out/extract.$i.err" || true
  i=$((i + 1))
done
db=$(mktemp -d)/db
"$bin" --db "$db" add --quiet "${inputs[@]}" >"$out/add.out" 2>"$out/add.err" || true
q() { name=$1; shift; "$bin" --db "$db" "$@" >"$out/q.$name.out" 2>"$out/q.$name.err" || echo "exit $?" >>"$out/q.$name.err"; }
q stats stats --format json
for k in district project sector organization speech goal measure; do q "list-$k" list "$k" --format json; done
q targets query targets --limit 0 --format json
q targets-status query targets --status target --limit 500 --format csv
q targets-year query targets --year 2021 --format json
q targets-district query targets --district 区 --limit 300
q metric query metric 地区生产总值 --limit 0
q metric-gdp query targets --metric 地区生产总值 --limit 0 --format json
q serves query serves --limit 0
q serves-goal query serves --goal 高质量发展 --limit 0
q serves-basis query serves --basis phrase --limit 300
q goals query goals
q show-goal show 高质量发展 --format json
q show-place show 临江区
q export-json export json
q export-graphml export graphml
q export-dot export dot
rm -rf "$(dirname "$db")"
# The store's temporary path is the one thing that differs between runs.
sed -i "s#$db#DB#g" "$out"/*
echo "wrote $out"
