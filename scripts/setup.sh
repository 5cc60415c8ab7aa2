#!/usr/bin/env bash
# Sets up a fresh machine and builds the sample manual's current edition into dist/:
# Debian's Chromium, poppler-utils, epubcheck and fonts when they are missing (with apt), then the
# npm packages exactly as locked, then `npm run build`. Nothing downloads a browser of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdfinfo >/dev/null || missing+=(poppler-utils)
command -v epubcheck >/dev/null || missing+=(epubcheck)
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || missing+=(fonts-liberation)
# Chapters quote Chinese, Arabic and emoji: without these fonts the PDFs print empty boxes.
fc-list :lang=zh | grep -q . || missing+=(fonts-noto-cjk)
fc-list | grep -qi 'color emoji' || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing with apt: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Ace by DAISY (a test dependency) depends on puppeteer: it must use Debian's Chromium, never fetch one.
PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
npm run build
