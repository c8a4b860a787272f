#!/usr/bin/env bash
# Time from launch to /health/ready on an empty SQLite database (migrations + reference data + demo data),
# then on the same database again (warm start). Not a test: prints numbers for notes and regressions.
# Usage: bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
dotnet build src/Complaints.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dll=src/Complaints.Web/bin/Release/net10.0/Complaints.Web.dll
port=5099

measure() { # data-folder
  local start end pid
  start=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Development Storage__DataPath="$1" dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do sleep 0.05; done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

for i in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  cold=$(measure "$data")
  warm=$(measure "$data")
  echo "run $i: empty database ${cold} ms, existing database ${warm} ms"
  rm -rf "$data"
done
