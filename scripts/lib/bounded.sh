# Bounded network steps for .ci/run and the installers: every download has a time limit per attempt
# and a bounded number of attempts, so a stalled registry costs minutes, never the whole CI budget.
# Source this file; it defines `bounded`.

# bounded ATTEMPTS SECONDS WHAT -- COMMAND…
#   Runs COMMAND at most ATTEMPTS times, each attempt killed (with its whole process group) after
#   SECONDS. WHAT names the step in messages. Between attempts it waits 5 s, then 10 s, …
#   Set BOUNDED_ON_TIMEOUT to a shell command to run (e.g. to name what was still downloading)
#   when an attempt times out. Returns 0 on the first success, else 1 after the last attempt.
bounded() {
  local attempts=$1 seconds=$2 what=$3
  shift 3
  [ "${1:-}" = "--" ] && shift
  local attempt status
  for ((attempt = 1; attempt <= attempts; attempt++)); do
    status=0
    timeout --kill-after=15 "$seconds" "$@" || status=$?
    [ "$status" -eq 0 ] && return 0
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
      echo "bounded: $what: attempt $attempt of $attempts stalled and was stopped after ${seconds}s" >&2
      [ -n "${BOUNDED_ON_TIMEOUT:-}" ] && eval "$BOUNDED_ON_TIMEOUT" >&2
    else
      echo "bounded: $what: attempt $attempt of $attempts failed (exit $status)" >&2
    fi
    [ "$attempt" -lt "$attempts" ] && sleep $((attempt * 5))
  done
  echo "bounded: $what: gave up after $attempts attempts" >&2
  return 1
}

# npm's own per-request limits (the defaults wait up to 5 minutes for one request): a stalled request
# fails within a minute with npm's message naming its URL, and npm retries it.
export npm_config_fetch_timeout=${npm_config_fetch_timeout:-60000}
export npm_config_fetch_retries=${npm_config_fetch_retries:-3}
export npm_config_fetch_retry_mintimeout=${npm_config_fetch_retry_mintimeout:-2000}
export npm_config_fetch_retry_maxtimeout=${npm_config_fetch_retry_maxtimeout:-10000}

# apt's per-request limits and retries, for apt-get update/install.
APT_BOUNDS=(-o Acquire::Retries=3 -o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30 -o DPkg::Lock::Timeout=120)

# bounded_npm_ci ATTEMPTS SECONDS DIR LOG [npm ci options…]
#   `npm ci` in DIR, each attempt bounded, its output (with one line per completed download) in LOG.
#   When an attempt stalls or fails, the packages not yet downloaded are named (scripts/lib/npm-pending.js)
#   and the end of the log is shown; on success the log is printed without the download lines.
bounded_npm_ci() {
  local attempts=$1 seconds=$2 dir=$3 log=$4
  shift 4
  local pending
  pending="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/npm-pending.js"
  local report="node '$pending' '$dir/package-lock.json' '$log'; tail -15 '$log'"
  if BOUNDED_ON_TIMEOUT="$report" bounded "$attempts" "$seconds" "npm ci in $dir" -- \
      env LOG="$log" PENDING="$pending" bash -c 'cd "$1" && shift && npm ci --loglevel=http "$@" >"$LOG" 2>&1 || { s=$?; node "$PENDING" package-lock.json "$LOG" >&2; tail -15 "$LOG" >&2; exit $s; }' \
      npm-ci "$dir" "$@"; then
    grep -v '^npm http fetch' "$log" || true
    return 0
  fi
  return 1
}
