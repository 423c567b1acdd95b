#!/usr/bin/env bash
# scripts/splinter-corpus.sh DIR: shipsafe against splinter on every app of DIR that has
# supabase/migrations (the development corpus, ../shared/realworld-dev/): each app's
# migrations applied to a throwaway PostgreSQL, splinter's lints run, the findings compared
# with shipsafe's per lint. Prints the agreement table and every disagreement.
# Needs PostgreSQL (Debian's postgresql package), like `cargo test --test splinter`.
set -euo pipefail
dir=${1:?usage: scripts/splinter-corpus.sh DIR}
cd "$(dirname "$0")/.."
SHIPSAFE_SPLINTER_CORPUS=$(cd "$dir" && pwd) \
  cargo test --release --test splinter -- --ignored --nocapture corpus_agreement
