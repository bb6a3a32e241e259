#!/usr/bin/env bash
# Installs what `make run` and `make test` need on Debian 12, skipping whatever is already there.
# Never prompts (CI=true or not); uses sudo only when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

apt_packages=(
  # Tauri 2 on Linux
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config
  # desktop end-to-end tests: WebKitWebDriver, a virtual display, a session bus
  webkit2gtk-driver xvfb xauth dbus xdotool
  # looking at what the app and its reports show: screenshots, PDF pages
  imagemagick poppler-utils
  # Japanese product names, tier names and sources must render in the window and in screenshots
  fonts-noto-cjk
)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing Debian packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "deps: Node.js $(node --version) is too old for the UI toolchain (Vite needs 20.19 or newer); install Node 20+ and retry" >&2
  exit 1
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "deps: cargo not found; install Rust (rustup, stable 1.90 or newer) and retry" >&2
  exit 1
fi

tauri_driver="${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver"
if [ ! -x "$tauri_driver" ]; then
  echo "deps: installing tauri-driver 2.x"
  cargo install tauri-driver --version '^2' --locked --quiet
fi

# npm ci only when the lock file changed since the last install.
for dir in ui tests/e2e; do
  stamp="$dir/node_modules/.landfall-installed"
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
    echo "deps: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
done
