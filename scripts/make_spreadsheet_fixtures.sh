#!/usr/bin/env bash
# Remake tests/fixtures/spreadsheets/ from its sources/ with LibreOffice (Debian: libreoffice-calc-nogui), as a
# user of a spreadsheet program would: open a file, let the program type each column, save in another format.
# The tests read the committed results and do not need LibreOffice; tests/fixtures/spreadsheets/README.md says what
# each file is. Usage: scripts/make_spreadsheet_fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures/spreadsheets"
command -v soffice >/dev/null || { echo "needs soffice (Debian: apt-get install libreoffice-calc-nogui)"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# soffice LOCALE INFILTER OUTFILTER SOURCE OUTDIR: one conversion, in a profile of its own with that locale.
convert() {
  local locale="$1" infilter="$2" outfilter="$3" source="$4" outdir="$5"
  local args=(-env:UserInstallation="file://$work/profile-$locale" --headless --convert-to "$outfilter" --outdir "$outdir")
  [ -n "$infilter" ] && args+=(--infilter="$infilter")
  LANG="$locale.UTF-8" LC_ALL="$locale.UTF-8" soffice "${args[@]}" "$source" >/dev/null 2>&1
}

# CSV import options: separator, quote, charset (76 UTF-8, 1 Windows-1252, 65535 UTF-16), first line, then
# column/type pairs (1 standard, 2 text, 4 DMY date, 5 YMD date). Export options: separator, quote, charset, first line.
TEXT_AND_ISO_DATES="CSV:44,34,76,1,1/2/2/2/3/5/4/5"

# An .xlsx with date and datetime cells, codes in text cells (leading zeros, 20 digits, accents).
convert en_US "$TEXT_AND_ISO_DATES" xlsx sources/excel-dates.csv "$work"
cp "$work/excel-dates.xlsx" excel-dates.xlsx

# The same saved as .ods (LibreOffice's own format): its date cells and text cells as LibreOffice stores them.
convert en_US "$TEXT_AND_ISO_DATES" ods sources/excel-dates.csv "$work"
cp "$work/excel-dates.ods" excel-dates.ods

# Formulas, errors and sheets: a workbook a program wrote (formulas without results, a hidden first sheet), opened
# and saved as .ods: LibreOffice computes the formulas, and saves an error as an error.
"${PYTHON:-../../../.venv/bin/python}" sources/formulas-and-sheets.py "$work/formulas-and-sheets.xlsx"
convert en_US "" ods "$work/formulas-and-sheets.xlsx" "$work/fs"
cp "$work/fs/formulas-and-sheets.ods" formulas-and-sheets.ods

# Czech locale: typed day-first dates become date cells, saved as CSV with ';' (as Excel in much of Europe does).
convert cs_CZ "CSV:59,34,76,1,1/2/2/2/3/4/4/4" xlsx sources/european.csv "$work/eu"
convert cs_CZ "" "csv:Text - txt - csv (StarCalc):59,34,76,1" "$work/eu/european.xlsx" "$work/eu/out"
cp "$work/eu/out/european.csv" european-semicolon.csv

# "CSV (Comma delimited)" as Windows saves it: Windows-1252.
convert en_US "$TEXT_AND_ISO_DATES" xlsx sources/windows.csv "$work/win"
convert en_US "" "csv:Text - txt - csv (StarCalc):44,34,1,1" "$work/win/windows.xlsx" "$work/win/out"
cp "$work/win/out/windows.csv" windows-1252.csv

# "Unicode text": UTF-16 (little-endian, with its BOM), tab-separated.
convert en_US "$TEXT_AND_ISO_DATES" xlsx sources/unicode.csv "$work/u16"
convert en_US "" "txt:Text - txt - csv (StarCalc):9,34,65535,1" "$work/u16/unicode.xlsx" "$work/u16/out"
cp "$work/u16/out/unicode.txt" unicode-text.txt

# CRLF line ends and a trailing empty line, as Windows programs write them (LibreOffice on Linux writes LF: the
# line ends are converted after it saved the file).
convert en_US "$TEXT_AND_ISO_DATES" xlsx sources/crlf.csv "$work/crlf"
convert en_US "" "csv:Text - txt - csv (StarCalc):44,34,76,1" "$work/crlf/crlf.xlsx" "$work/crlf/out"
sed 's/$/\r/' "$work/crlf/out/crlf.csv" > crlf-trailing-line.csv
printf '\r\n' >> crlf-trailing-line.csv

# Codes left in General (standard) cells: the program makes numbers of them (000321 -> 321, 20 digits -> 9.9E+19).
convert en_US "CSV:44,34,76,1,1/2/2/1/3/1/4/1" xlsx sources/numbers.csv "$work/num"
cp "$work/num/numbers.xlsx" number-cells.xlsx

# An export opened with every column standard and saved again: the program rewrote the codes that look like numbers.
convert en_US "CSV:44,34,76,1" xlsx sources/resaved-export.csv "$work/re"
convert en_US "" "csv:Text - txt - csv (StarCalc):44,34,76,1" "$work/re/resaved-export.xlsx" "$work/re/out"
cp "$work/re/out/resaved-export.csv" resaved-export.csv
ls -l
