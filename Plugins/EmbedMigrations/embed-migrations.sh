#!/bin/sh
# Writes a Swift file holding every Migrations/*.sql as base64 (so no SQL text can
# break the Swift), rewriting the output only when it changes.
# Usage: embed-migrations.sh MIGRATIONS_DIR OUTPUT_FILE
set -eu
dir=$1
out=$2
mkdir -p "$(dirname "$out")"
tmp="$out.tmp.$$"
{
  echo "// Generated from Migrations/*.sql before every build. Do not edit."
  echo ""
  echo "/// The migration files compiled into this binary: (file name, base64 of its bytes)."
  echo "let embeddedMigrationFiles: [(name: String, base64: String)] = ["
  for f in "$dir"/*.sql; do
    [ -e "$f" ] || continue
    name=$(basename "$f")
    printf '    (name: "%s", base64: "%s"),\n' "$name" "$(base64 < "$f" | tr -d '\n')"
  done
  echo "]"
} > "$tmp"
if [ -f "$out" ] && cmp -s "$tmp" "$out"; then
  rm -f "$tmp"
else
  mv "$tmp" "$out"
fi
