#!/usr/bin/env bash
# Times shipsafe against peers on the benchmark corpus (generate it first with
# `cargo bench --bench scan`) or on DIR: semgrep (with benches/peers/semgrep.yml,
# comparable rules, offline) on every file, and bandit (its default rules) on the
# Python files, each beside shipsafe on the same files. Peers from PyPI:
#   pip install semgrep bandit
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-target/bench-corpus}"
bin=target/release/shipsafe
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A copy outside any git checkout (semgrep scans only the files git tracks when it
# runs inside one), and the Python files alone, for bandit and shipsafe side by side.
all="$tmp/all" py="$tmp/py"
mkdir -p "$all" "$py"
(cd "$dir" && find . -type f -not -path '*/.shipsafe-cache/*' -print0 | tar --null -T - -cf -) |
  tar -xf - -C "$all"
(cd "$dir" && find . -name '*.py' -not -path '*/node_modules/*' -print0 | tar --null -T - -cf -) |
  tar -xf - -C "$py"
t() { # label, command...
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null 2>&1 || true
  end=$(date +%s.%N)
  printf '%-44s %8.2f s\n' "$label" "$(echo "$end - $start" | bc)"
}
echo "corpus: $dir ($(find "$all" -type f | wc -l) files); python subset: $(find "$py" -type f | wc -l) files"
t "shipsafe (all rules, all files)" "$bin" scan "$all" --no-cache --quiet
"$bin" scan "$all" --quiet > /dev/null 2>&1 || true # writes the cache
t "shipsafe (all rules, second run, cache)" "$bin" scan "$all" --quiet
t "semgrep (9 comparable rules, all files)" semgrep scan --config benches/peers/semgrep.yml \
  --metrics=off --disable-version-check --no-git-ignore --quiet --jobs "$(nproc)" "$all"
t "shipsafe (all rules, python files)" "$bin" scan "$py" --no-cache --quiet
t "bandit (default rules, python files)" bandit -r -q "$py"
