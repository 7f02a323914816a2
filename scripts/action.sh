#!/usr/bin/env bash
# The GitHub Action's logic (action.yml runs it; test/package/action.test.ts runs it locally with the
# variables GitHub sets). Checks the paths, compares them with the base revision, writes SARIF and a
# step summary, and exits 1 on findings at or above fail-on or on new access, 2 when a step could not
# run (bad input, unknown base, a CLI that could not start) — never 0 for a comparison that did not happen
# while a base was expected. The summary is the CLI's own Markdown reports (--format markdown), so it reads
# like a PR comment would.
set -uo pipefail

action_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# paths: on one line, separated by spaces; on several lines, one path per line (so a name may hold spaces).
paths=()
if [[ "${INPUT_PATHS:-}" == *$'\n'* ]]; then
  while IFS= read -r line; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [ -n "$line" ] && paths+=("$line")
  done <<< "$INPUT_PATHS"
else
  read -ra paths <<< "${INPUT_PATHS:-}"
fi
[ ${#paths[@]} -eq 0 ] && paths=(.)
fail_on="${INPUT_FAIL_ON:-error}"
fail_on_new_access="${INPUT_FAIL_ON_NEW_ACCESS:-on}"
sarif="${INPUT_SARIF:-on}"
summary="${INPUT_SUMMARY:-on}"
sarif_dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/iot-policy-lens-sarif"
new_access=unknown

for flag in "$sarif" "$summary" "$fail_on_new_access"; do
  case "$flag" in on|off) ;; *) echo "::error::sarif, summary and fail-on-new-access take on or off, not \"$flag\""; exit 2 ;; esac
done

# The base: the input, else the pull request's base branch (fetched when the checkout is shallow).
base="${INPUT_BASE:-}"
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  base="$GITHUB_BASE_REF"
  if ! git rev-parse --verify --quiet "$base^{commit}" > /dev/null; then
    base="origin/$GITHUB_BASE_REF"
    git rev-parse --verify --quiet "$base^{commit}" > /dev/null \
      || timeout 120 git fetch --no-tags --depth=1 origin "$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF" >&2 \
      || true
  fi
fi

report=""
add() { report+="$1"$'\n'; }
fenced() { add '````text'; add "$1"; add '````'; }
output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1=$2" >> "$GITHUB_OUTPUT"; fi; }
heading() { add "### IoT Policy Lens: $1 — **$2**"; add ""; }

# A job that cannot run the CLI: said in the summary, new-access unknown, exit 2.
cannot_run() {
  echo "::error::IoT Policy Lens: $1"
  heading "setup" "could not run"
  fenced "$1"
  printf '%s' "$report"
  if [ "$summary" = on ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s' "$report" >> "$GITHUB_STEP_SUMMARY"; fi
  output new-access unknown
  exit 2
}

# The CLI of this action's own checkout, never a package fetched by name from a registry (a name anyone
# could register). Without its build (dist/ is not committed), it is built here from the checkout's
# package-lock.json (npm ci: exact versions, integrity-checked; no install scripts). LENS_CLI overrides it.
if [ -n "${LENS_CLI:-}" ]; then
  read -ra cli <<< "$LENS_CLI"
else
  cli=(node "$action_dir/bin/iot-policy-lens.js")
  if [ ! -f "$action_dir/dist/cli/bin.js" ]; then
    echo "::group::IoT Policy Lens: building the CLI from the action's checkout (npm ci from package-lock.json)"
    if ! (cd "$action_dir" && npm ci --ignore-scripts --no-audit --no-fund >&2 \
      && ./node_modules/.bin/tsc -p analyzer/tsconfig.json >&2 && ./node_modules/.bin/tsc -p tsconfig.json >&2); then
      echo "::endgroup::"
      cannot_run "the CLI could not be built from the action's checkout ($action_dir): see the log above"
    fi
    echo "::endgroup::"
  fi
fi

# Runs a step with --format markdown: its report in step_report, its stderr in step_errors, its exit code in
# step_status. Exit 1 without a report is a CLI that did not run (not "findings"): taken as exit 2.
run_step() {
  local errors
  errors="$(mktemp)"
  step_report="$("${cli[@]}" "$@" --format markdown 2> "$errors")"
  step_status=$?
  step_errors="$(cat "$errors")"
  rm -f "$errors"
  if [ $step_status -eq 1 ] && [ -z "$step_report" ]; then
    step_status=2
    step_errors+="${step_errors:+$'\n'}exit 1 without a report: the CLI did not run"
  fi
}

# The step's report into the summary (a heading saying it could not run when it printed none), then what
# it said on stderr (why it could not run, files it skipped), fenced.
add_step() {
  if [ -n "$step_report" ]; then add "$step_report"; add ""; else heading "$1" "$2 (exit $step_status)"; fi
  if [ -n "$step_errors" ]; then fenced "$step_errors"; add ""; fi
}

run_step check "${paths[@]}" --fail-on "$fail_on"
check_status=$step_status
add_step check "could not run"

diff_status=0
if [ -z "$base" ]; then
  heading diff "not compared"
  add "No base: not a pull request, and no \`base\` input."
else
  run_step diff --base "$base" "${paths[@]}" --fail-on-new-access
  diff_status=$step_status
  add_step "diff against \`$base\`" "could not compare"
  case $diff_status in
    0) new_access=false ;;
    1) new_access=true ;;
    *) new_access=unknown ;;
  esac
fi

if [ "$sarif" = on ]; then
  mkdir -p "$sarif_dir"
  if "${cli[@]}" check "${paths[@]}" --format sarif --fail-on none > "$sarif_dir/check.sarif"; then
    output check-sarif "$sarif_dir/check.sarif"
  fi
  if [ -n "$base" ] && [ $diff_status -le 1 ]; then
    # With the gate on, new access is an error in code scanning as it is for the job.
    gate=()
    [ "$fail_on_new_access" = on ] && gate=(--fail-on-new-access)
    "${cli[@]}" diff --base "$base" "${paths[@]}" --format sarif "${gate[@]}" > "$sarif_dir/diff.sarif"
    [ $? -le 1 ] && output diff-sarif "$sarif_dir/diff.sarif"
  fi
fi
printf '%s' "$report"
if [ "$summary" = on ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s' "$report" >> "$GITHUB_STEP_SUMMARY"; fi
output new-access "$new_access"

if [ $check_status -ge 2 ] || [ $diff_status -ge 2 ]; then exit 2; fi
if [ $check_status -eq 1 ]; then exit 1; fi
if [ "$new_access" = true ] && [ "$fail_on_new_access" = on ]; then exit 1; fi
exit 0
