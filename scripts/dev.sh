#!/usr/bin/env bash
# Development entry point: scripts/dev.sh {run|test|lint|pot|bench|odoo|python} [args].
#
# Bash does only what no tool does: find Python and the Odoo 18.0 source, build
# the virtualenv and start PostgreSQL. Then scripts/tasks.py chains the
# maintained tools (manifestoo, click-odoo-initdb, click-odoo-update,
# click-odoo-makepot, pytest-odoo, pre-commit). See README.md.
set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SERIES=18.0
ODOO_GIT_URL=${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}
DEFAULT_ODOO_SRC="${XDG_DATA_HOME:-$HOME/.local/share}/odoo/$ODOO_SERIES"
VENV=${VENV:-$PROJECT_DIR/.venv}
DB_NAME=${DB_NAME:-tz_session_credits_demo}
DB_TEST=${DB_TEST:-tz_session_credits_test}
HTTP_PORT=${HTTP_PORT:-8069}
PG_VERSION=${PG_VERSION:-15}
LOG_DIR=${LOG_DIR:-$PROJECT_DIR/.logs}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() {
    printf '\nERROR: %s\n' "$1" >&2
    shift
    for line in "$@"; do printf '       %s\n' "$line" >&2; done
    exit 2
}
can_install_debs() {
    command -v apt-get >/dev/null 2>&1 || return 1
    [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }
}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
apt_install() {
    say "Installing Debian packages: $*"
    [ -f /tmp/.tz-apt-updated ] || { as_root apt-get update -qq >/dev/null && touch /tmp/.tz-apt-updated; }
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
py_ok() { "$1" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' 2>/dev/null; }

find_python() {
    local candidates=() root="" py v p
    [ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
    command -v pyenv >/dev/null 2>&1 && root=$(pyenv root)
    for v in 3.12 3.11 3.10; do
        # pyenv's shim runs a bash program per call (0.15 s); its versions follow
        [ -n "$root" ] && [ "$(command -v "python$v")" = "$root/shims/python$v" ] || candidates+=("python$v")
        [ -z "$root" ] || for p in "$root"/versions/"$v".*/bin/python; do [ -x "$p" ] && candidates+=("$p"); done
    done
    for py in "${candidates[@]}" python3; do
        command -v "$py" >/dev/null 2>&1 || continue
        py_ok "$py" && { command -v "$py"; return 0; }
        [ "$py" = "${PYTHON:-}" ] && die "Unsupported Python: $PYTHON is $("$py" -V 2>/dev/null || echo "not a runnable Python")." \
            "Odoo $ODOO_SERIES runs on Python 3.10, 3.11 or 3.12; set PYTHON to one of those."
    done
    die "Unsupported Python: no Python 3.10, 3.11 or 3.12 found (found: $(python3 -V 2>&1 || echo none))." \
        "Odoo $ODOO_SERIES needs one of them. Install python3.12 (or use pyenv) and/or set PYTHON=/path/to/python3.12."
}

is_odoo_src() { [ -f "$1/odoo/release.py" ] && grep -q "^version_info = (18, 0" "$1/odoo/release.py"; }
find_odoo_src() {
    if [ -n "${ODOO_SRC:-}" ]; then
        is_odoo_src "$ODOO_SRC" || die "ODOO_SRC=$ODOO_SRC is not an Odoo $ODOO_SERIES source tree." \
            "It must contain odoo/release.py of version 18.0 (a checkout of the odoo/odoo 18.0 branch," \
            "or an unpacked Odoo 18.0 source archive)."
        ODOO_SRC=$(cd "$ODOO_SRC" && pwd)
    elif is_odoo_src "$DEFAULT_ODOO_SRC"; then
        ODOO_SRC=$DEFAULT_ODOO_SRC
    elif command -v git >/dev/null 2>&1 && timeout 20 git ls-remote --heads "$ODOO_GIT_URL" "$ODOO_SERIES" >/dev/null 2>&1; then
        say "Cloning Odoo $ODOO_SERIES (shallow) into $DEFAULT_ODOO_SRC"
        mkdir -p "$(dirname "$DEFAULT_ODOO_SRC")"
        git clone --quiet --depth 1 --branch "$ODOO_SERIES" "$ODOO_GIT_URL" "$DEFAULT_ODOO_SRC.partial"
        mv "$DEFAULT_ODOO_SRC.partial" "$DEFAULT_ODOO_SRC"
        ODOO_SRC=$DEFAULT_ODOO_SRC
    else
        die "Odoo $ODOO_SERIES source not found." \
            "Looked at \$ODOO_SRC (unset) and at $DEFAULT_ODOO_SRC, and $ODOO_GIT_URL is not reachable." \
            "Provide it with: ODOO_SRC=/path/to/odoo-18.0 make test" \
            "(a checkout of https://github.com/odoo/odoo branch 18.0, or put one at $DEFAULT_ODOO_SRC)."
    fi
}

# Odoo's requirements, requirements-dev.txt and requirements-oca.txt,
# reinstalled only when one of them, the Python or the Odoo source changed.
ensure_venv() {
    local py want missing=()
    py=$(find_python)
    want=$( ("$py" -V 2>&1 && echo "$ODOO_SRC" && cat "$ODOO_SRC/requirements.txt" "$PROJECT_DIR/requirements-dev.txt" \
        "$PROJECT_DIR/requirements-oca.txt") | sha256sum)
    [ -x "$VENV/bin/python" ] && [ "$want" = "$(cat "$VENV/.tz-requirements" 2>/dev/null)" ] && return
    command -v pg_config >/dev/null 2>&1 || missing+=(libpq-dev)
    [ -f /usr/include/lber.h ] || missing+=(libldap2-dev)
    [ -f /usr/include/sasl/sasl.h ] || missing+=(libsasl2-dev)
    if [ ${#missing[@]} -gt 0 ]; then
        can_install_debs || die "Missing system headers to build Odoo's Python requirements: ${missing[*]}." \
            "Install them (sudo apt-get install ${missing[*]}) and run again."
        apt_install "${missing[@]}"
    fi
    if ! [ -x "$VENV/bin/python" ] || ! py_ok "$VENV/bin/python"; then
        say "Creating virtualenv $VENV with $("$py" -V 2>&1)"
        rm -rf "$VENV"
        "$py" -m venv "$VENV"
    fi
    say "Installing Odoo's requirements and requirements-dev.txt (pytest-odoo, click-odoo-contrib, ...)"
    mkdir -p "$LOG_DIR"
    echo 'setuptools<70' >"$VENV/constraints.txt"
    PIP_CONSTRAINT=$VENV/constraints.txt "$VENV/bin/pip" install --disable-pip-version-check \
        -r "$ODOO_SRC/requirements.txt" -r "$PROJECT_DIR/requirements-dev.txt" >"$LOG_DIR/pip.log" 2>&1 || {
        grep -v "^WARNING: Location .* is ignored" "$LOG_DIR/pip.log" | tail -n 30 >&2
        die "pip could not install the requirements (full log: $LOG_DIR/pip.log)."
    }
    # the OCA addons' wheels require the distribution "odoo", which runs here
    # from its source tree: their own OCA dependencies are listed in the file
    say "Installing the OCA addons of requirements-oca.txt (contract, product_contract, ...)"
    "$VENV/bin/pip" install --disable-pip-version-check --no-deps \
        -r "$PROJECT_DIR/requirements-oca.txt" >>"$LOG_DIR/pip.log" 2>&1 || {
        grep -v "^WARNING: Location .* is ignored" "$LOG_DIR/pip.log" | tail -n 30 >&2
        die "pip could not install the OCA addons of requirements-oca.txt (full log: $LOG_DIR/pip.log)."
    }
    echo "$want" >"$VENV/.tz-requirements"
}

pg_ok() { "$VENV/bin/python" -c 'import psycopg2; psycopg2.connect(dbname="postgres").close()' 2>/dev/null; }
ensure_postgres() {
    pg_ok && return
    [ -z "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ] ||
        die "Database unreachable: cannot connect to PostgreSQL with PGHOST=${PGHOST:-} PGPORT=${PGPORT:-} PGUSER=${PGUSER:-}." \
            "Check that the server is up and that this role may log in and create databases."
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        can_install_debs || die "PostgreSQL is not installed and cannot be installed here (not root, no sudo)." \
            "Install it (sudo apt-get install postgresql) or point PGHOST/PGPORT/PGUSER at a server."
        apt_install postgresql
    fi
    pg_lsclusters -h 2>/dev/null | grep -q . || as_root pg_createcluster "$PG_VERSION" main >/dev/null
    local ver name state role
    read -r ver name _ _ state _ < <(pg_lsclusters -h | head -n1)
    if [ "$state" != online ]; then
        say "Starting PostgreSQL cluster $ver/$name"
        as_root pg_ctlcluster "$ver" "$name" start || die "Database unreachable: PostgreSQL cluster $ver/$name failed to start." \
            "See /var/log/postgresql/postgresql-$ver-$name.log"
    fi
    role=$(id -un)
    [ "$role" = postgres ] && die "Odoo refuses to run as the 'postgres' role: run as another user."
    if ! pg_ok; then
        say "Creating PostgreSQL role '$role' (CREATEDB)"
        if [ "$(id -u)" = 0 ]; then runuser -u postgres -- createuser --createdb "$role"; else sudo -n -u postgres createuser --createdb "$role"; fi 2>/dev/null || true
    fi
    for _ in 1 2 3 4 5 6 7 8 9 10; do pg_ok && return; sleep 1; done
    die "Database unreachable: PostgreSQL runs but role '$role' cannot connect." \
        "Create it: sudo -u postgres createuser --createdb $role"
}

# Odoo prints its documents with wkhtmltopdf: without it, the order
# confirmation a payment in the shop sends cannot be made, and the payment
# status page waits forever. Installed like Chromium, else a set-up error.
ensure_wkhtmltopdf() {
    command -v wkhtmltopdf >/dev/null 2>&1 && return
    if can_install_debs; then apt_install wkhtmltopdf || true; fi
    command -v wkhtmltopdf >/dev/null 2>&1 ||
        die "wkhtmltopdf not found: Odoo needs it to print its documents as PDF." \
            "Without it, a payment in the online shop never completes (its order confirmation is a PDF)." \
            "Install it (sudo apt-get install wkhtmltopdf) and run again."
}

case "${1:-}" in
run | test | lint | pot | bench | odoo | python) ;;
*)
    echo "usage: $0 {run|test|lint|pot|bench|odoo|python} [args...]" >&2
    exit 64
    ;;
esac
find_odoo_src
ensure_venv
ensure_postgres
if [ "$1" = test ] && [ -z "${TZ_SKIP_BROWSER:-}" ] && ! command -v chromium >/dev/null 2>&1; then
    can_install_debs && apt_install chromium # for the browser tours
fi
case "$1" in run | test) ensure_wkhtmltopdf ;; esac
# make pot and make lint merge the .pot files into the .po files: msgmerge
if { [ "$1" = pot ] || [ "$1" = lint ]; } && ! command -v msgmerge >/dev/null 2>&1; then
    can_install_debs || die "msgmerge (GNU gettext) not found: make $1 merges the .pot files into the .po files with it." \
        "Install it: sudo apt-get install gettext"
    apt_install gettext
fi
export ODOO_SRC DB_NAME DB_TEST HTTP_PORT LOG_DIR PATH="$VENV/bin:$PATH" PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
[ "$1" = python ] && shift && exec "$VENV/bin/python" "$@"
exec "$VENV/bin/python" "$PROJECT_DIR/scripts/tasks.py" "$@"
