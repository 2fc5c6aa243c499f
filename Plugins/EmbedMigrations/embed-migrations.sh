#!/bin/sh
# Writes a Swift file holding every Migrations/*.sql as base64 (so no SQL text can
# break the Swift) and, for a file without CR bytes (the LF-normalised text is then the
# file itself), its SHA-256, so the binary need not hash its migrations at every start.
# A file with a CR, or a machine without sha256sum or shasum, gets nil: the binary then
# hashes the normalised text itself. The output is rewritten only when it changes.
# Usage: embed-migrations.sh MIGRATIONS_DIR OUTPUT_FILE
set -eu
dir=$1
out=$2
mkdir -p "$(dirname "$out")"
tmp="$out.tmp.$$"
cr=$(printf '\r')
{
  echo "// Generated from Migrations/*.sql before every build. Do not edit."
  echo ""
  echo "/// The migration files compiled into this binary: (file name, base64 of its bytes,"
  echo "/// lower-case hex SHA-256 of its bytes when they hold no CR, else nil)."
  echo "let embeddedMigrationFiles: [(name: String, base64: String, sha256: String?)] = ["
  for f in "$dir"/*.sql; do
    [ -e "$f" ] || continue
    name=$(basename "$f")
    sum=""
    if ! LC_ALL=C grep -q "$cr" "$f"; then
      if command -v sha256sum >/dev/null 2>&1; then
        sum=$(sha256sum < "$f" | cut -d ' ' -f 1)
      elif command -v shasum >/dev/null 2>&1; then
        sum=$(shasum -a 256 < "$f" | cut -d ' ' -f 1)
      fi
    fi
    case $sum in
      *[!0-9a-f]* | "") sum=nil ;;
      *) [ ${#sum} -eq 64 ] && sum="\"$sum\"" || sum=nil ;;
    esac
    printf '    (name: "%s", base64: "%s", sha256: %s),\n' "$name" "$(base64 < "$f" | tr -d '\n')" "$sum"
  done
  echo "]"
} > "$tmp"
if [ -f "$out" ] && cmp -s "$tmp" "$out"; then
  rm -f "$tmp"
else
  mv "$tmp" "$out"
fi
