#!/usr/bin/env bash
# Publish a rebuilt database to every replica by atomic rename.
#   deploy/publish_db.sh NEW.duckdb /var/lib/budgetlens/replica-8601 /var/lib/budgetlens/replica-8602
# Each replica gets its own copy (copied next to the live file, then renamed over it): a running
# app keeps reading the old file it has open and switches to the new one on its next rerun.
set -euo pipefail
src=$1; shift
for dir in "$@"; do
  mkdir -p "$dir"
  cp "$src" "$dir/budget.duckdb.incoming"
  sync "$dir/budget.duckdb.incoming"
  mv -f "$dir/budget.duckdb.incoming" "$dir/budget.duckdb"
done
