#!/usr/bin/env bash
# Installs code-server 4.100.3 (the real VS Code 1.100.3 server + Node extension host) for the
# extension-host tests, from the npm registry only (nothing from GitHub, no browser, no VS Code download).
#
# Source of truth: tools/code-server/{package.json,package-lock.json} (committed).
# Install location: ${CODE_SERVER_DIR:-<repo>/.vscode-test/code-server} (git-ignored).
# Idempotent: does nothing when that location already holds an install made from the same lockfile.
#
# Needs (Debian): ripgrep, libkrb5-dev, g++, make, python3 (chromium is needed to *run* the tests, not here):
#   apt-get install -y chromium libkrb5-dev ripgrep
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/tools/code-server"
dir="${CODE_SERVER_DIR:-$root/.vscode-test/code-server}"
# @vscode/ripgrep's postinstall downloads rg from GitHub; it first looks in
# $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<VERSION>-<target>.tar.gz, which we seed with Debian's rg.
RG_PKG_VERSION=1.15.11          # @vscode/ripgrep version pinned by code-server 4.100.3's lib/vscode shrinkwrap
RG_TAG=v13.0.0-10               # VERSION in @vscode/ripgrep/lib/postinstall.js

die() { echo "install-code-server: $*" >&2; exit 1; }

[ -f "$src/package.json" ] && [ -f "$src/package-lock.json" ] || die "missing $src/package.json or package-lock.json"

if [ -f "$dir/.installed" ] \
   && cmp -s "$src/package-lock.json" "$dir/package-lock.json" \
   && cmp -s "$src/package.json" "$dir/package.json" \
   && [ -f "$dir/node_modules/code-server/out/node/entry.js" ]; then
  echo "code-server already installed in $dir"
  exit 0
fi

# Prerequisites, each named by the Debian package that provides it.
missing=()
command -v rg      >/dev/null 2>&1 || missing+=("ripgrep (rg: seeds @vscode/ripgrep, which would otherwise download from GitHub)")
[ -f /usr/include/gssapi/gssapi.h ] || missing+=("libkrb5-dev (/usr/include/gssapi/gssapi.h: needed to compile the kerberos native module)")
command -v g++     >/dev/null 2>&1 || missing+=("g++ (compiles native modules)")
command -v make    >/dev/null 2>&1 || missing+=("make (compiles native modules)")
command -v python3 >/dev/null 2>&1 || missing+=("python3 (node-gyp)")
command -v npm     >/dev/null 2>&1 || missing+=("npm")
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-code-server: missing Debian package(s):" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  echo "install with: apt-get update && apt-get install -y chromium libkrb5-dev ripgrep g++ make python3" >&2
  exit 1
fi

case "$(uname -m)" in
  x86_64)  rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) die "unsupported architecture $(uname -m) (the ripgrep seed only covers x86_64 and aarch64)" ;;
esac
rg_bin="$(readlink -f "$(command -v rg)")"
[ "$(basename "$rg_bin")" = rg ] || die "rg resolves to $rg_bin, expected a file named rg"

echo "installing code-server into $dir (takes about a minute: native modules are compiled)..."
start=$SECONDS
rm -rf "$dir"
mkdir -p "$dir/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION"
tar czf "$dir/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION/ripgrep-$RG_TAG-$rg_target.tar.gz" -C "$(dirname "$rg_bin")" "$(basename "$rg_bin")"
cp "$src/package.json" "$src/package-lock.json" "$dir/"
cd "$dir"
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it
#                         (npm 11 warns 'Unknown env config "unsafe-perm"', harmless).
# npm_config_yes:         node-pty's postinstall runs `npx node-gyp`; with yes=false npx cancels it.
# Each attempt is bounded (scripts/lib/bounded.sh); a stalled download is named, and retried once.
source "$root/scripts/lib/bounded.sh"
export TMPDIR="$dir/tmp" npm_config_unsafe_perm=true npm_config_yes=true
bounded_npm_ci "${CODE_SERVER_INSTALL_ATTEMPTS:-2}" "${CODE_SERVER_INSTALL_SECONDS:-600}" "$dir" "$dir/install.log" \
  --foreground-scripts --no-audit --no-fund >/dev/null \
  || die "code-server install failed; full log: $dir/install.log"

test -x "$dir/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" \
  || die "code-server installed but its ripgrep binary is missing; see $dir/install.log"
test -f "$dir/node_modules/code-server/out/node/entry.js" \
  || die "code-server installed but out/node/entry.js is missing; see $dir/install.log"
touch "$dir/.installed"
echo "code-server $(node -p "require('./node_modules/code-server/package.json').version")" \
     "(VS Code $(node -p "require('./node_modules/code-server/lib/vscode/package.json').version"))" \
     "installed in $dir in $((SECONDS - start))s"
