#!/usr/bin/env bash
# Nightly dump of the production database.
set -euo pipefail
pg_dump "postgresql://backup:Vq8mZr2Lx7Tb4Nd9@db.prod-eu.acme-hosting.com:5432/app" > backup.sql # expect: secrets/hardcoded-credential
# against a local copy first:
pg_dump "postgresql://postgres:postgres@localhost:5432/app" > local.sql # ok: secrets/hardcoded-credential
