#!/usr/bin/env bash
# Installs what the real-editor tests (test/vscode) and the webview tests need:
#   - Debian packages: chromium (driven by playwright-core), ripgrep (code-server's search),
#     and the headers code-server's native modules build against.
#   - code-server 4.100.3 (VS Code 1.100.3; the last line that runs on Node 20) into
#     .tools/code-server/, following docs in ../shared/notes/real-vscode-tests.md: its own
#     postinstall downloads ripgrep from GitHub, which is not reachable here, so we install
#     in steps and hand it Debian's rg.
# Idempotent: apt is skipped when every package is present; code-server is skipped when the
# marker file .tools/code-server/.installed holds the expected version.
# Usage: bash scripts/setup-test-env.sh        (from anywhere; paths are relative to the repo)
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOL_DIR="${TIERWISE_TOOLS_DIR:-$REPO_ROOT/.tools}/code-server"
MARKER="$TOOL_DIR/.installed"
APT_PACKAGES=(chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config
  build-essential python3 fonts-dejavu-core)
START=$(date +%s)

log() { printf '[setup-test-env %4ss] %s\n' "$(( $(date +%s) - START ))" "$*"; }

install_apt_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages already present"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_code_server() {
  if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$CODE_SERVER_VERSION" ] \
    && [ -x "$TOOL_DIR/node_modules/.bin/code-server" ]; then
    log "code-server $CODE_SERVER_VERSION already installed in $TOOL_DIR"
    return
  fi
  log "installing code-server $CODE_SERVER_VERSION into $TOOL_DIR"
  rm -f "$MARKER"
  mkdir -p "$TOOL_DIR"
  cd "$TOOL_DIR"
  [ -f package.json ] || printf '{"name":"tierwise-tools","private":true}\n' > package.json
  export npm_config_yes=true npm_config_fund=false npm_config_audit=false
  npm install --no-save --ignore-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION"

  local vscode_dir="$TOOL_DIR/node_modules/code-server/lib/vscode"
  cd "$vscode_dir"
  log "installing VS Code server dependencies"
  npm install --omit=dev --ignore-scripts --loglevel=error
  # @vscode/ripgrep's postinstall downloads rg from GitHub; it exits early when bin/ exists.
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  log "building native modules (node-pty, spdlog, kerberos, ...)"
  npm rebuild --loglevel=error
  ln -sfn node_modules node_modules.asar
  log "installing built-in extensions' dependencies"
  (cd extensions && npm install --omit=dev --loglevel=error)
  cd "$TOOL_DIR"
  npm rebuild argon2 --loglevel=error
  echo "$CODE_SERVER_VERSION" > "$MARKER"
}

install_apt_packages
install_code_server
"$TOOL_DIR/node_modules/.bin/code-server" --version 2>/dev/null | grep "with Code" | sed "s/^/[setup-test-env] code-server /"
log "done"
