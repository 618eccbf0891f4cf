#!/usr/bin/env bash
# Install the Debian packages the book needs, if they are missing.
# As root it installs them; otherwise it names what to install and stops.
#   TeX (xelatex, latexmk) and fonts for the PDF, incl. Japanese (Noto CJK, xeCJK);
#   Chromium for static chart export (kaleido) and the browser checks; poppler-utils for PDF checks;
#   Node.js and npm (if missing) for the browser checks in tools/.
set -euo pipefail
PKGS=(latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
      texlive-xetex fonts-freefont-otf fonts-noto-cjk texlive-lang-cjk texlive-lang-chinese
      chromium poppler-utils)
command -v npm >/dev/null 2>&1 || PKGS+=(nodejs npm)   # browser checks (tools/): axe-core, playwright-core
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
