#!/usr/bin/env bash
# The test command: installs and starts what the tests need (PostgreSQL, Chromium) when missing, then runs
# every test project — unit, integration on SQLite and PostgreSQL, browser. Nothing may be skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

export COMPLAINTS_REQUIRE_ALL=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root (or sudo) to run: $*" >&2; return 1; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  if [ -n "${COMPLAINTS_TEST_POSTGRES:-}" ]; then
    log "PostgreSQL: using COMPLAINTS_TEST_POSTGRES from the environment"
    return
  fi
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "PostgreSQL: installing"
    apt_install postgresql
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_isready -h 127.0.0.1 -q 2>/dev/null; then
    log "PostgreSQL $version: starting"
    if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
      as_root pg_createcluster "$version" main >/dev/null
    fi
    as_root pg_ctlcluster "$version" main start || true
    for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -q && break; sleep 0.5; done
    pg_isready -h 127.0.0.1
  fi
  # A role for the tests, which create and drop their own databases.
  as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c \
    "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'complaints_test') THEN
       CREATE ROLE complaints_test LOGIN CREATEDB PASSWORD 'complaints_test'; END IF; END\$\$;"
  export COMPLAINTS_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Database=postgres;Username=complaints_test;Password=complaints_test"
}

ensure_chromium() {
  if ! command -v chromium >/dev/null; then
    log "Chromium: installing (Debian package; Playwright never downloads a browser here)"
    apt_install chromium
  fi
}

ensure_documents() {
  # PDF documents embed DejaVu Sans (Indonesian text); the tests read PDFs with pdftotext.
  if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || ! command -v pdftotext >/dev/null; then
    log "PDF documents: installing fonts-dejavu-core and poppler-utils"
    apt_install fonts-dejavu-core poppler-utils
  fi
}

ensure_test_tools() {
  # Real peers for the notification tests: MailDev (SMTP on loopback) from npm, pinned by the lock file.
  if [ ! -x tests/tools/node_modules/.bin/maildev ]; then
    log "Test tools: installing MailDev from npm"
    npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error
  fi
}

ensure_postgres
ensure_chromium
ensure_documents
ensure_test_tools

log "Building"
dotnet tool restore >/dev/null
dotnet build Complaints.sln -c Release -nologo -clp:ErrorsOnly

passed=0; failed=0; skipped=0; status=0
for project in tests/Complaints.UnitTests tests/Complaints.IntegrationTests tests/Complaints.BrowserTests; do
  log "Testing $project"
  out=$(mktemp)
  if ! dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$out"; then status=1; fi
  summary=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+' "$out" | tail -n 1 || true)
  if [ -z "$summary" ]; then
    echo "No test summary from $project" >&2; status=1
  else
    f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
    p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
    s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  fi
  rm -f "$out"
done

if [ "$skipped" -gt 0 ]; then
  echo "Tests were skipped; with COMPLAINTS_REQUIRE_ALL=1 nothing may be." >&2
  status=1
fi

echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ]; then status=1; fi
exit "$status"
