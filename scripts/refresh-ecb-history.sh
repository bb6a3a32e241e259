#!/usr/bin/env bash
# Replaces the bundled ECB reference-rate history (data/fx/eurofxref-hist.zip) with the newest file the
# ECB publishes, checks it, and records its last day in data/fx/snapshot.toml. Rebuild afterwards: the
# file is compiled into the binaries. Usage: scripts/refresh-ecb-history.sh [URL]
set -euo pipefail
cd "$(dirname "$0")/.."

url="${1:-https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip}"
target=data/fx/eurofxref-hist.zip
meta=data/fx/snapshot.toml
download=$(mktemp)
trap 'rm -f "$download"' EXIT

curl --fail --silent --show-error --location --max-time 120 --output "$download" "$url"

# The ECB layout: one eurofxref-hist.csv, `Date,USD,JPY,…` header, newest business day first.
csv=$(unzip -p "$download" eurofxref-hist.csv) || { echo "refresh: $url holds no eurofxref-hist.csv" >&2; exit 1; }
header=$(head -n 1 <<<"$csv")
case "$header" in
  Date,*USD*JPY*) ;;
  *) echo "refresh: unexpected header in $url: ${header:0:80}" >&2; exit 1 ;;
esac
last_day=$(sed -n 2p <<<"$csv" | cut -d, -f1)
first_day=$(tail -n 1 <<<"$csv" | cut -d, -f1)
date_re='^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
if ! [[ $last_day =~ $date_re && $first_day =~ $date_re ]]; then
  echo "refresh: cannot read the first and last days of $url ($first_day, $last_day)" >&2
  exit 1
fi
current=$(sed -n 's/^last_day = "\(.*\)"$/\1/p' "$meta")
if [[ "$last_day" < "$current" ]]; then
  echo "refresh: $url ends on $last_day, before the bundled file ($current); keeping the bundled file" >&2
  exit 1
fi

mv "$download" "$target"
trap - EXIT
sed -i \
  -e "s/^first_day = \".*\"$/first_day = \"$first_day\"/" \
  -e "s/^last_day = \".*\"$/last_day = \"$last_day\"/" \
  -e "s|^copy = \".*\"$|copy = \"downloaded from $url on $(date -u +%F) by scripts/refresh-ecb-history.sh\"|" \
  "$meta"
echo "refresh: $target now runs $first_day … $last_day ($(wc -c <"$target") bytes); rebuild, then run make test"
