#!/usr/bin/env bash
# The shipsafe GitHub Action (action.yml): install shipsafe, scan, write SARIF for
# code scanning, annotate the pull request, and fail the job by --fail-on.
#
# Inputs arrive as INPUT_* variables (set by action.yml); outputs go to $GITHUB_OUTPUT.
# SHIPSAFE_BIN, when set, is the shipsafe binary to use (tests set it; the action
# installs shipsafe from its own source otherwise).
set -uo pipefail

path="${INPUT_PATH:-.}"
fail_on="${INPUT_FAIL_ON:-high}"
category="${INPUT_CATEGORY:-shipsafe}"
baseline="${INPUT_BASELINE:-}"
diff_base="${INPUT_DIFF_BASE:-}"
annotate="${INPUT_ANNOTATE:-true}"
sarif="${RUNNER_TEMP:-/tmp}/shipsafe.sarif"

bin="${SHIPSAFE_BIN:-}"
if [ -z "$bin" ]; then
  if command -v shipsafe >/dev/null 2>&1; then
    bin="$(command -v shipsafe)"
  else
    echo "::group::Install shipsafe"
    cargo install --locked --quiet --path "${GITHUB_ACTION_PATH:?}" --root "${RUNNER_TEMP:-/tmp}/shipsafe" || exit 2
    bin="${RUNNER_TEMP:-/tmp}/shipsafe/bin/shipsafe"
    echo "::endgroup::"
  fi
fi

args=(scan "$path" --fail-on "$fail_on")
if [ -n "$baseline" ]; then
  args+=(--baseline "$baseline")
fi
if [ -n "$diff_base" ]; then
  args+=(--diff-base "$diff_base")
fi

# SARIF for code scanning: written whatever the findings, so the upload step always runs
"$bin" "${args[@]}" --format sarif --category "$category" --output "$sarif"
status=$?
if [ "$status" -eq 2 ]; then
  echo "::error title=shipsafe::the scan failed (configuration or I/O error)"
  exit 2
fi
echo "sarif=$sarif" >> "${GITHUB_OUTPUT:-/dev/null}"
echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"

# Annotations on the pull request's diff, and the findings in the log
if [ "$annotate" = "true" ]; then
  "$bin" "${args[@]}" --format github --quiet || true
fi

if [ "$status" -eq 1 ]; then
  echo "shipsafe: findings at or above --fail-on $fail_on"
fi
exit "$status"
