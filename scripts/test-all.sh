#!/usr/bin/env bash
# Every test Patchbay has: lint and format checks, type check, unit and property tests, a
# production build, and the end-to-end tests in Debian's Chromium. Runs every stage it can, then
# prints one closing line.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
ARTIFACTS=e2e/artifacts
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS/unit-report.json" "$ARTIFACTS/report.json"

bash scripts/ensure-chromium.sh || exit 1
bash scripts/ensure-oracles.sh || exit 1

failed_stages=()
stage() {
  local name=$1
  shift
  echo
  echo "== $name: $*"
  "$@" || { failed_stages+=("$name"); return 1; }
}

# Style first: cheap, and a lint or format failure fails the run like any other stage.
stage "lint" npm run lint
stage "format" npm run format:check
stage "comment width" node scripts/wrap-comments.mjs --check
stage "type check" npx tsc --noEmit
stage "unit tests" npx vitest run --reporter=default --reporter=json --outputFile="$ARTIFACTS/unit-report.json"
if stage "build" npm run build; then
  stage "end-to-end" npx playwright test
else
  echo "== end-to-end: skipped, the build failed"
fi

node scripts/summarize-tests.mjs "$ARTIFACTS/unit-report.json" "$ARTIFACTS/report.json" "${failed_stages[@]}"
