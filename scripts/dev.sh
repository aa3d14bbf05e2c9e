#!/usr/bin/env bash
# Development entry point for tz_session_credits: bootstrap, run, test, lint.
#
#   scripts/dev.sh run     serve a demo database on http://localhost:$HTTP_PORT
#   scripts/dev.sh test    fresh test database, then pytest over tests/
#   scripts/dev.sh lint    pre-commit (ruff, pylint-odoo, OCA checks) on every file
#   scripts/dev.sh pot     regenerate tz_session_credits/i18n/tz_session_credits.pot
#
# Every command is idempotent: a second run reuses the virtualenv, the Odoo
# source and the database cluster, and only redoes what changed.
set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE=tz_session_credits
ODOO_SERIES=18.0
ODOO_GIT_URL=${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}
DEFAULT_ODOO_SRC="${XDG_DATA_HOME:-$HOME/.local/share}/odoo/$ODOO_SERIES"
VENV=${VENV:-$PROJECT_DIR/.venv}
DB_NAME=${DB_NAME:-tz_session_credits_demo}
DB_TEST=${DB_TEST:-tz_session_credits_test}
HTTP_PORT=${HTTP_PORT:-8069}
PG_VERSION=${PG_VERSION:-15}
STATE_DIR=$VENV/.tz-state
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
    [ "$(id -u)" = 0 ] && return 0
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null
}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
apt_install() {
    say "Installing Debian packages: $*"
    if [ ! -f "$STATE_DIR/../.apt-updated" ] && [ ! -f /tmp/.tz-apt-updated ]; then
        as_root apt-get update -qq >/dev/null && touch /tmp/.tz-apt-updated
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

# --- Python -----------------------------------------------------------------
find_python() {
    local candidates=() root=""
    [ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
    command -v pyenv >/dev/null 2>&1 && root=$(pyenv root)
    for v in 3.12 3.11 3.10; do
        candidates+=("python$v")
        if [ -n "$root" ]; then
            for p in "$root"/versions/"$v".*/bin/python; do [ -x "$p" ] && candidates+=("$p"); done
        fi
    done
    candidates+=(python3)
    for py in "${candidates[@]}"; do
        command -v "$py" >/dev/null 2>&1 || continue
        if "$py" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' 2>/dev/null; then
            command -v "$py"
            return 0
        fi
        if [ -n "${PYTHON:-}" ] && [ "$py" = "$PYTHON" ]; then
            die "Unsupported Python: $PYTHON is $("$py" -V 2>&1)." \
                "Odoo $ODOO_SERIES runs on Python 3.10, 3.11 or 3.12; set PYTHON to one of those."
        fi
    done
    die "Unsupported Python: no Python 3.10, 3.11 or 3.12 found (found: $(python3 -V 2>&1 || echo none))." \
        "Odoo $ODOO_SERIES needs one of them. Install python3.12 (or use pyenv) and/or set PYTHON=/path/to/python3.12."
}

# --- Odoo source ------------------------------------------------------------
is_odoo_src() { [ -f "$1/odoo/release.py" ] && grep -q "^version_info = (18, 0" "$1/odoo/release.py"; }
find_odoo_src() {
    if [ -n "${ODOO_SRC:-}" ]; then
        is_odoo_src "$ODOO_SRC" || die "ODOO_SRC=$ODOO_SRC is not an Odoo $ODOO_SERIES source tree." \
            "It must contain odoo/release.py of version 18.0 (a checkout of the odoo/odoo 18.0 branch," \
            "or an unpacked Odoo 18.0 source archive)."
        ODOO_SRC=$(cd "$ODOO_SRC" && pwd)
        return
    fi
    if is_odoo_src "$DEFAULT_ODOO_SRC"; then
        ODOO_SRC=$DEFAULT_ODOO_SRC
        return
    fi
    if command -v git >/dev/null 2>&1 && timeout 20 git ls-remote --heads "$ODOO_GIT_URL" "$ODOO_SERIES" >/dev/null 2>&1; then
        say "Cloning Odoo $ODOO_SERIES (shallow) into $DEFAULT_ODOO_SRC"
        mkdir -p "$(dirname "$DEFAULT_ODOO_SRC")"
        git clone --quiet --depth 1 --branch "$ODOO_SERIES" "$ODOO_GIT_URL" "$DEFAULT_ODOO_SRC.partial"
        mv "$DEFAULT_ODOO_SRC.partial" "$DEFAULT_ODOO_SRC"
        ODOO_SRC=$DEFAULT_ODOO_SRC
        return
    fi
    die "Odoo $ODOO_SERIES source not found." \
        "Looked at \$ODOO_SRC (unset) and at $DEFAULT_ODOO_SRC, and $ODOO_GIT_URL is not reachable." \
        "Provide it with: ODOO_SRC=/path/to/odoo-18.0 make test" \
        "(a checkout of https://github.com/odoo/odoo branch 18.0, or put one at $DEFAULT_ODOO_SRC)."
}
odoo_addons_path() {
    local p="$PROJECT_DIR"
    [ -d "$ODOO_SRC/addons" ] && p="$p,$ODOO_SRC/addons"
    echo "$p,$ODOO_SRC/odoo/addons"
}

# --- System packages needed to build Odoo's requirements -------------------
ensure_build_deps() {
    local missing=()
    command -v pg_config >/dev/null 2>&1 || missing+=(libpq-dev)
    [ -f /usr/include/lber.h ] || missing+=(libldap2-dev)
    [ -f /usr/include/sasl/sasl.h ] || missing+=(libsasl2-dev)
    [ ${#missing[@]} -eq 0 ] && return
    can_install_debs || die "Missing system headers to build Odoo's Python requirements: ${missing[*]}." \
        "Install them (sudo apt-get install ${missing[*]}) and run again."
    apt_install "${missing[@]}"
}

# --- Virtualenv -------------------------------------------------------------
ensure_venv() {
    local py want have
    py=$(find_python)
    want=$( (
        "$py" -V 2>&1
        echo "$ODOO_SRC"
        cat "$ODOO_SRC/requirements.txt" "$PROJECT_DIR/requirements-dev.txt"
    ) | sha256sum | cut -c1-16)
    have=$(cat "$STATE_DIR/venv" 2>/dev/null || true)
    if [ -x "$VENV/bin/python" ] && [ "$want" = "$have" ]; then
        return
    fi
    ensure_build_deps
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))'; then
        say "Creating virtualenv $VENV with $("$py" -V 2>&1)"
        rm -rf "$VENV"
        "$py" -m venv "$VENV"
    fi
    say "Installing Odoo's requirements and the dev requirements (pytest-odoo, ...)"
    local constraints
    constraints=$(mktemp)
    echo 'setuptools<70' >"$constraints"
    mkdir -p "$LOG_DIR"
    if ! PIP_CONSTRAINT=$constraints "$VENV/bin/pip" install --disable-pip-version-check \
        -r "$ODOO_SRC/requirements.txt" -r "$PROJECT_DIR/requirements-dev.txt" >"$LOG_DIR/pip.log" 2>&1; then
        grep -v "^WARNING: Location .* is ignored" "$LOG_DIR/pip.log" | tail -n 30 >&2
        die "pip could not install the requirements (full log: $LOG_DIR/pip.log)."
    fi
    rm -f "$constraints"
    mkdir -p "$STATE_DIR"
    echo "$want" >"$STATE_DIR/venv"
}

# --- PostgreSQL ---------------------------------------------------------------
pg_ok() { "$VENV/bin/python" - <<'EOF' 2>/dev/null
import psycopg2
psycopg2.connect(dbname="postgres").close()
EOF
}
ensure_postgres() {
    pg_ok && return
    if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; then
        die "Database unreachable: cannot connect to PostgreSQL with PGHOST=${PGHOST:-} PGPORT=${PGPORT:-} PGUSER=${PGUSER:-}." \
            "Check that the server is up and that this role may log in and create databases."
    fi
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        can_install_debs || die "PostgreSQL is not installed and cannot be installed here (not root, no sudo)." \
            "Install it (sudo apt-get install postgresql) or point PGHOST/PGPORT/PGUSER at a server."
        apt_install postgresql
    fi
    if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
        say "Creating PostgreSQL cluster $PG_VERSION/main"
        as_root pg_createcluster "$PG_VERSION" main >/dev/null
    fi
    local ver name
    read -r ver name _ < <(pg_lsclusters -h | head -n1)
    if ! pg_lsclusters -h | head -n1 | grep -q online; then
        say "Starting PostgreSQL cluster $ver/$name"
        as_root pg_ctlcluster "$ver" "$name" start ||
            die "Database unreachable: PostgreSQL cluster $ver/$name failed to start." \
                "See /var/log/postgresql/postgresql-$ver-$name.log"
    fi
    local role
    role=$(id -un)
    [ "$role" = postgres ] && die "Odoo refuses to run as the 'postgres' role: run as another user."
    if ! pg_ok; then
        say "Creating PostgreSQL role '$role' (CREATEDB)"
        if [ "$(id -u)" = 0 ]; then
            runuser -u postgres -- createuser --createdb "$role" 2>/dev/null || true
        else
            sudo -n -u postgres createuser --createdb "$role" 2>/dev/null || true
        fi
    fi
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do pg_ok && return; sleep 1; done
    die "Database unreachable: PostgreSQL runs but role '$role' cannot connect." \
        "Create it: sudo -u postgres createuser --createdb $role"
}

bootstrap() {
    find_odoo_src
    ensure_venv
    ensure_postgres
    export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
    if [ -f "$ODOO_SRC/odoo-bin" ]; then
        ODOO_BIN=("$VENV/bin/python" "$ODOO_SRC/odoo-bin")
    else
        ODOO_BIN=("$VENV/bin/python" "$ODOO_SRC/setup/odoo")
    fi
    mkdir -p "$LOG_DIR" "$STATE_DIR"
}

db_exists() { "$VENV/bin/python" - "$1" <<'EOF'
import sys, psycopg2
c = psycopg2.connect(dbname="postgres")
cur = c.cursor()
cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[1],))
sys.exit(0 if cur.fetchone() else 1)
EOF
}
module_hash() {
    (cd "$PROJECT_DIR" && find "$MODULE" -type f ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 |
        sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}
odoo_cmd() { "${ODOO_BIN[@]}" --addons-path="$(odoo_addons_path)" "$@"; }

# A template database holding the module's dependencies, built once per Odoo
# source and dependency list, so that each test run only installs our module.
ensure_template() {
    local deps key
    deps=$("$VENV/bin/python" -c "import ast,sys; print(','.join(ast.literal_eval(open(sys.argv[1]).read())['depends']))" \
        "$PROJECT_DIR/$MODULE/__manifest__.py")
    key=$( (
        echo "$deps"
        cat "$ODOO_SRC/odoo/release.py"
        echo "$ODOO_SRC"
    ) | sha256sum | cut -c1-10)
    TEMPLATE_DB="tz_sc_template_$key"
    if db_exists "$TEMPLATE_DB"; then return; fi
    say "Building template database $TEMPLATE_DB with $deps (once per Odoo source)"
    odoo_cmd -d "$TEMPLATE_DB.partial" -i "$deps" --stop-after-init --log-level=warn \
        --logfile="$LOG_DIR/template.log" ||
        die "Installing $deps into the template database failed: see $LOG_DIR/template.log"
    "$VENV/bin/python" - "$TEMPLATE_DB" <<'EOF'
import sys, psycopg2
c = psycopg2.connect(dbname="postgres")
c.autocommit = True
c.cursor().execute('ALTER DATABASE "%s.partial" RENAME TO "%s"' % (sys.argv[1], sys.argv[1]))
EOF
}
drop_db() {
    "$VENV/bin/python" - "$1" <<'EOF'
import sys, psycopg2
c = psycopg2.connect(dbname="postgres")
c.autocommit = True
c.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[1])
EOF
    rm -rf "$HOME/.local/share/Odoo/filestore/$1"
}
copy_db() {
    "$VENV/bin/python" - "$1" "$2" <<'EOF'
import sys, psycopg2
src, dst = sys.argv[1:]
c = psycopg2.connect(dbname="postgres")
c.autocommit = True
cur = c.cursor()
cur.execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % dst)
cur.execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (dst, src))
EOF
    local fs="$HOME/.local/share/Odoo/filestore"
    rm -rf "${fs:?}/$2"
    [ -d "$fs/$1" ] && cp -r "$fs/$1" "$fs/$2"
    return 0
}

# Fail on any WARNING/ERROR/CRITICAL log line that comes from or names the module.
check_log() {
    local log=$1 what=$2 bad
    bad=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$log" | grep -E "$MODULE|tz\.session" || true)
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad" >&2
        die "$what logged the WARNING/ERROR lines above (full log: $log)."
    fi
}

cmd_run() {
    bootstrap
    "$VENV/bin/python" - "$HTTP_PORT" <<'EOF' || die "Port $HTTP_PORT is taken: another server (maybe another Odoo) listens on it." "Stop it, or choose another port: HTTP_PORT=8070 make run"
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("0.0.0.0", int(sys.argv[1])))
except OSError:
    sys.exit(1)
EOF
    local want have args=()
    want=$(module_hash)
    have=$(cat "$STATE_DIR/db-$DB_NAME" 2>/dev/null || true)
    if ! db_exists "$DB_NAME"; then
        ensure_template
        say "Creating demo database $DB_NAME"
        copy_db "$TEMPLATE_DB" "$DB_NAME"
        "$VENV/bin/python" - "$DB_NAME" <<'EOF'
import sys, psycopg2
c = psycopg2.connect(dbname=sys.argv[1])
c.autocommit = True
c.cursor().execute("UPDATE ir_config_parameter SET value = md5(random()::text) WHERE key = 'database.uuid'")
EOF
        args=(-i "$MODULE")
        have=""
    elif [ "$want" != "$have" ]; then
        args=(-u "$MODULE")
    fi
    if [ ${#args[@]} -gt 0 ]; then
        say "Installing/updating $MODULE in $DB_NAME"
        odoo_cmd -d "$DB_NAME" "${args[@]}" --stop-after-init --logfile="$LOG_DIR/run-install.log" ||
            die "Installing $MODULE in $DB_NAME failed: see $LOG_DIR/run-install.log"
        echo "$want" >"$STATE_DIR/db-$DB_NAME"
    fi
    say "Odoo is starting on http://localhost:$HTTP_PORT  (login: admin, password: admin, database: $DB_NAME)"
    exec "${ODOO_BIN[@]}" --addons-path="$(odoo_addons_path)" -d "$DB_NAME" --db-filter="^$DB_NAME\$" \
        --http-port="$HTTP_PORT" "$@"
}

# Credits are final, yet removing the addon must still work: uninstall it from
# a copy of the freshly installed test database.
check_uninstall() {
    local db="${DB_TEST}_uninstall"
    copy_db "$DB_TEST" "$db"
    say "Uninstalling $MODULE from $db (credits are final, but removing the addon must work)"
    local ulog="$LOG_DIR/test-uninstall.log"
    : >"$ulog"
    local out
    out=$(odoo_cmd shell -d "$db" --log-level=info --logfile="$ulog" --no-http 2>&1 <<'EOF'

module = env["ir.module.module"].search([("name", "=", "tz_session_credits")])
module.button_immediate_uninstall()
env.cr.execute("SELECT state FROM ir_module_module WHERE name = 'tz_session_credits'")
state = env.cr.fetchone()[0]
env.cr.execute("SELECT to_regclass('tz_session_credit')")
table = env.cr.fetchone()[0]
assert state == "uninstalled" and table is None, (state, table)
print("uninstall: ok")
EOF
    ) || true
    printf '%s\n' "$out" | grep -q "^uninstall: ok" || {
        printf '%s\n' "$out" >&2
        die "Uninstalling $MODULE failed: see above and $ulog"
    }
    echo "uninstall: ok"
    check_log "$ulog" "Uninstalling $MODULE"
    drop_db "$db"
}

cmd_test() {
    bootstrap
    ensure_template
    say "Fresh test database $DB_TEST from $TEMPLATE_DB, installing $MODULE with demo data"
    copy_db "$TEMPLATE_DB" "$DB_TEST"
    local log="$LOG_DIR/test-install.log"
    : >"$log"
    odoo_cmd -d "$DB_TEST" -i "$MODULE" --stop-after-init --log-level=info --logfile="$log" ||
        die "Installing $MODULE failed: see $log"
    check_log "$log" "Installing $MODULE"
    [ -n "${TZ_SKIP_UNINSTALL:-}" ] || check_uninstall
    if [ -z "${TZ_SKIP_BROWSER:-}" ] && ! command -v chromium >/dev/null 2>&1; then
        can_install_debs && apt_install chromium
    fi
    say "pytest tests/ on $DB_TEST"
    local conf="$STATE_DIR/odoo-test-$DB_TEST.conf" rc=0
    printf '[options]\naddons_path = %s\ndb_name = %s\nlog_level = info\nlogfile = %s\n' \
        "$(odoo_addons_path)" "$DB_TEST" "$LOG_DIR/test-run.log" >"$conf"
    : >"$LOG_DIR/test-run.log"
    (cd "$PROJECT_DIR" && "$VENV/bin/python" -m pytest -p no:cacheprovider --odoo-config="$conf" \
        --odoo-database="$DB_TEST" --odoo-http "$@") || rc=$?
    check_log "$LOG_DIR/test-run.log" "The test run"
    return $rc
}

cmd_lint() {
    find_odoo_src
    ensure_venv
    say "pre-commit (ruff, pylint-odoo, OCA checks) on every tracked file"
    (cd "$PROJECT_DIR" && PATH="$VENV/bin:$PATH" "$VENV/bin/pre-commit" run --all-files --show-diff-on-failure)
    cmd_pot --check
}

cmd_pot() {
    bootstrap
    ensure_template
    local db=tz_sc_pot pot="$PROJECT_DIR/$MODULE/i18n/$MODULE.pot" out
    out=$(mktemp --suffix=.pot)
    copy_db "$TEMPLATE_DB" "$db"
    odoo_cmd -d "$db" -i "$MODULE" --without-demo=all --stop-after-init --log-level=warn
    odoo_cmd -d "$db" --i18n-export="$out" --modules="$MODULE" --language= --log-level=warn
    drop_db "$db"
    if [ "${1:-}" = "--check" ]; then
        local strip='/^"\(POT-Creation-Date\|PO-Revision-Date\):/d'
        if ! diff -u <(sed "$strip" "$pot") <(sed "$strip" "$out") >"$LOG_DIR/pot.diff"; then
            head -n 40 "$LOG_DIR/pot.diff" >&2
            rm -f "$out"
            die "$MODULE/i18n/$MODULE.pot is out of date: run 'make pot' and commit it."
        fi
        rm -f "$out"
        say "$MODULE.pot is current"
        return
    fi
    mv "$out" "$pot"
    say "Wrote $MODULE/i18n/$MODULE.pot"
}

cmd_bench() {
    bootstrap
    ensure_template
    local db=${DB_BENCH:-tz_session_credits_bench}
    say "Fresh benchmark database $db with $MODULE and loyalty (Odoo's peer)"
    copy_db "$TEMPLATE_DB" "$db"
    odoo_cmd -d "$db" -i "$MODULE,loyalty" --stop-after-init --log-level=warn \
        --logfile="$LOG_DIR/bench-install.log" ||
        die "Installing the benchmark database failed: see $LOG_DIR/bench-install.log"
    "$VENV/bin/python" "$PROJECT_DIR/bench/run.py" --db "$db" \
        --addons-path "$(odoo_addons_path)" --odoo-bin "${ODOO_BIN[1]}" "$@"
}

cmd_odoo() { bootstrap; odoo_cmd "$@"; }
cmd_python() { bootstrap; "$VENV/bin/python" "$@"; }

case "${1:-}" in
run | test | lint | pot | bench | odoo | python)
    cmd=$1
    shift
    "cmd_$cmd" "$@"
    ;;
*)
    echo "usage: $0 {run|test|lint|pot|bench|odoo|python} [args...]" >&2
    exit 64
    ;;
esac
