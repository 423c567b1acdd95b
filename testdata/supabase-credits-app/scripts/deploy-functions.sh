#!/usr/bin/env bash
# Deploys the member functions; the app calls them from its own pages.
set -euo pipefail

functions=(
  "notify-members"   # emails every member of an organization
  "member-count"
)

for func in "${functions[@]}"; do
  echo "Deploying $func..."
  if supabase functions deploy "$func" --no-verify-jwt; then
    echo "ok"
  fi
done
