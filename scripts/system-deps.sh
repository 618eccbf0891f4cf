#!/usr/bin/env bash
# Install the Debian packages the book needs, if they are missing, before anything else needs them.
#   scripts/system-deps.sh book   what `make book` needs: Python's venv module, TeX (xelatex, latexmk)
#                                 and fonts for the PDF, incl. Japanese (Noto CJK, xeCJK); Chromium for
#                                 static chart export (kaleido); poppler-utils for the PDF checks
#   scripts/system-deps.sh test   the same, plus Node.js and npm for the browser checks in tools/
# As root it installs them with apt-get; otherwise it names the command to run and stops.
set -euo pipefail
what="${1:-book}"
PKGS=(python3-venv make latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
      texlive-xetex fonts-freefont-otf fonts-noto-cjk texlive-lang-cjk texlive-lang-chinese
      chromium poppler-utils)
if [ "$what" = "test" ] && ! command -v npm >/dev/null 2>&1; then
  PKGS+=(nodejs npm)   # browser checks (tools/): axe-core, playwright-core
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A Python built from source (pyenv) has venv already; Debian's python3 needs python3-venv.
if [[ " ${missing[*]-} " == *" python3-venv "* ]] && "${PY:-python3}" -c "import venv, ensurepip" 2>/dev/null; then
  missing=("${missing[@]/python3-venv}")
fi
missing=(${missing[@]+"${missing[@]}"})
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them first, as root:  sudo apt-get update && sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
