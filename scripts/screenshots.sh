#!/bin/sh
# Builds the examples' store and takes the README's screenshots into docs/:
# the HTML page (headless Chromium, 1400×900) and a goal tree (Graphviz PNG).
# Needs: cargo, graphviz, chromium, fonts-noto-cjk.
set -eu
cd "$(dirname "$0")/.."
cargo build --release -q
ptkg=target/release/ptkg
db=$(mktemp -d)/ptkg.db
$ptkg --db "$db" add examples -q >/dev/null
$ptkg --db "$db" render --focus 高质量发展 --depth 2 -o docs/goal_tree.png
$ptkg --db "$db" render --focus 高质量发展 --depth 2 -o docs/page.html
chromium --headless --no-sandbox --hide-scrollbars --window-size=1400,900 \
  --screenshot="$PWD/docs/page.png" "file://$PWD/docs/page.html" 2>/dev/null
rm docs/page.html
echo "wrote docs/goal_tree.png docs/page.png"
