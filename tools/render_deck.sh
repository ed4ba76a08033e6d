#!/usr/bin/env bash
# Render a PPTX deck to PNG pages for a visual check: PPTX -> PDF (LibreOffice) -> PNG (poppler).
#
#   tools/render_deck.sh IN.pptx OUTDIR
#
# Writes OUTDIR/<name>.pdf and OUTDIR/<name>-<page>.png (60 dpi). Needs the Debian packages
# libreoffice-impress, fonts-noto-cjk (for the Chinese) and poppler-utils (or, instead of
# poppler, pypdfium2 in $PYTHON, e.g. PYTHON=.venv/bin/python):
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
if ! command -v libreoffice >/dev/null 2>&1; then
    echo "error: libreoffice not found (apt-get install -y libreoffice-impress fonts-noto-cjk)" >&2
    exit 2
fi
# PDF -> PNG: poppler's pdftoppm, else pypdfium2 (installed with pdfplumber) in $PYTHON
python=${PYTHON:-python3}
if ! command -v pdftoppm >/dev/null 2>&1 && ! "$python" -c "import pypdfium2" >/dev/null 2>&1; then
    echo "error: neither pdftoppm (apt-get install -y poppler-utils) nor pypdfium2 in $python" >&2
    exit 2
fi

mkdir -p "$out"
name=$(basename "${in%.*}")
# A private profile directory: a running LibreOffice (or a stale lock) cannot block the conversion.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$in" >/dev/null
if command -v pdftoppm >/dev/null 2>&1; then
    pdftoppm -r 60 -png "$out/$name.pdf" "$out/$name"
else
    "$python" - "$out/$name.pdf" "$out/$name" <<'PY'
import sys

import pypdfium2

pdf = pypdfium2.PdfDocument(sys.argv[1])
for i, page in enumerate(pdf, start=1):
    page.render(scale=60 / 72).to_pil().save(f"{sys.argv[2]}-{i:02d}.png")
PY
fi
ls "$out/$name"*.png
