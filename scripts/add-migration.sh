#!/usr/bin/env bash
# Adds a migration with the same id (timestamp and name) to both providers' migrations projects.
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh <Name>}"
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql; do
  project="migrations/Complaints.Migrations.$provider"
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
# Give the PostgreSQL migration the SQLite one's id, so both histories list the same migrations.
sqlite_id=$(basename "$(ls migrations/Complaints.Migrations.Sqlite/Migrations/*_"$name".cs | grep -v Designer)" .cs)
pg_id=$(basename "$(ls migrations/Complaints.Migrations.PostgreSql/Migrations/*_"$name".cs | grep -v Designer)" .cs)
if [ "$sqlite_id" != "$pg_id" ]; then
  dir=migrations/Complaints.Migrations.PostgreSql/Migrations
  mv "$dir/$pg_id.cs" "$dir/$sqlite_id.cs"
  mv "$dir/$pg_id.Designer.cs" "$dir/$sqlite_id.Designer.cs"
  sed -i "s/\[Migration(\"$pg_id\")\]/[Migration(\"$sqlite_id\")]/" "$dir/$sqlite_id.Designer.cs"
fi
echo "Added $sqlite_id to both providers."
