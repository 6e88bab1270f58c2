#!/bin/sh
# Interface translations, without make.
#   scripts/i18n.sh update     extract the strings of src/ and templates/ and merge them into every catalog
#   scripts/i18n.sh compile    compile every messages.po to messages.mo (the package ships both)
#   scripts/i18n.sh init LANG  start a catalog for a new language
#   scripts/i18n.sh check      list empty or fuzzy messages (exit 1 when any)
set -eu
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
[ -x "$PYBABEL" ] || PYBABEL=pybabel
DIR=src/actcheck/translations
POT=build/messages.pot
extract() {
    mkdir -p build
    "$PYBABEL" extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 -k message:1c,2 -k plural:1c,2,3 --no-location --sort-output \
        --ignore-dirs='.* __pycache__ .venv build tests bench docs examples dev' \
        --project=actcheck --msgid-bugs-address=none -o "$POT" .
}
case "${1:-}" in
    update)
        extract
        "$PYBABEL" update -i "$POT" -d "$DIR" --no-fuzzy-matching --ignore-obsolete
        "$PYBABEL" compile -d "$DIR" --statistics ;;
    compile)
        "$PYBABEL" compile -d "$DIR" --statistics ;;
    init)
        extract
        "$PYBABEL" init -i "$POT" -d "$DIR" -l "$2" ;;
    check)
        "${PYTHON:-.venv/bin/python}" -m pytest -q -p no:cacheprovider tests/i18n/test_catalog.py ;;
    *)
        sed -n '2,6p' "$0"; exit 2 ;;
esac
