#!/usr/bin/env bash
# Render a PPTX deck to PNG pages for a visual check: PPTX -> PDF (LibreOffice) -> PNG (poppler).
#
#   tools/render_deck.sh IN.pptx OUTDIR
#
# Writes OUTDIR/<name>.pdf and OUTDIR/<name>-<page>.png (60 dpi). Needs the Debian packages
# libreoffice-impress, poppler-utils and fonts-noto-cjk (for the Chinese):
#   apt-get install -y libreoffice-impress poppler-utils fonts-noto-cjk
# Exit status 2 on bad arguments or a missing tool; otherwise that of the failing step.
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 IN.pptx OUTDIR" >&2
    exit 2
fi
in=$1
out=$2
if [ ! -f "$in" ]; then
    echo "error: no such file: $in" >&2
    exit 2
fi
for tool in libreoffice pdftoppm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: $tool not found (apt-get install -y libreoffice-impress poppler-utils fonts-noto-cjk)" >&2
        exit 2
    fi
done

mkdir -p "$out"
name=$(basename "${in%.*}")
# A private profile directory: a running LibreOffice (or a stale lock) cannot block the conversion.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$in" >/dev/null
pdftoppm -r 60 -png "$out/$name.pdf" "$out/$name"
ls "$out/$name"*.png
