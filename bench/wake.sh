# shellcheck shell=bash
# Waking from sleep (issue 13): the free backend sleeps and starts again on
# the next request. Sourced by bench/run, whose BUILD_DIR, WORK, PORT,
# JWT_KEY, SECRET, PRISM_ENV, row and le it uses. For each database, the
# time from fork+exec of `prism serve` to the first 200 from /ready and,
# separately, to the first 200 from an authenticated GET of a document (a
# personal API token), wall and server CPU (bench/cold_start.cpp), on a
# database holding one document and, when WAKE_DOCS is set, one holding
# WAKE_DOCS documents made by bench/seed_documents.cpp.
#
#   WAKE_RUNS [COLD_RUNS]   starts measured per figure (the median is reported)
#   WAKE_DOCS               e.g. 100000; unset: only the one-document database
#   TARGET_WAKE_CPU_MS [100]
#
# The SQLite database of WAKE_DOCS documents is kept in $BUILD_DIR/wake-seed/
# between runs (about 1.3 GB for 100,000), remade when the migrations or the
# generator change; PostgreSQL's is made again in each run's server.

WAKE_RUNS="${WAKE_RUNS:-${COLD_RUNS:-20}}"
TARGET_WAKE_CPU_MS="${TARGET_WAKE_CPU_MS:-100}"

# A key for what a seeded database depends on: the schema and the generator.
wake_seed_key() {
  cat src/store/migrations/* bench/seed_documents.cpp | sha256sum | cut -c1-12
}

# wake_value NAME FILE: a SEED_* value from seed_documents' output.
wake_value() { sed -n "s/^$1=//p" "$2" | tr -d "'"; }

# wake_seed URL DOCUMENTS OUT: seeds the database at URL; OUT gets the
# generator's SEED_* lines.
wake_seed() {
  echo "seeding $2 document(s)…" >&2
  DATABASE_URL="$1" "$BUILD_DIR/seed_documents" --documents "$2" >"$3.part" 2>>"$WORK/seed.log" &&
    mv "$3.part" "$3"
}

# wake_sqlite_seed DOCUMENTS: prints the path of a seeded SQLite database
# (its SEED_* lines in PATH.env); one document in this run's WORK, more in
# the cache.
wake_sqlite_seed() {
  local n=$1 db
  if [ "$n" -le 1 ]; then
    db="$WORK/wake-$n.db"
  else
    mkdir -p "$BUILD_DIR/wake-seed"
    db="$BUILD_DIR/wake-seed/sqlite-$n-$(wake_seed_key).db"
    # Older seeds (another schema or generator) are 1 GB each: drop them.
    find "$BUILD_DIR/wake-seed" -name 'sqlite-*' ! -name "$(basename "$db")*" -delete
  fi
  if [ ! -f "$db.env" ]; then
    rm -f "$db" "$db-wal" "$db-shm"
    wake_seed "sqlite:$db" "$n" "$db.env" || return 1
  fi
  echo "$db"
}

# wake_figure LABEL FILE PATH [TOKEN]: one row, cold starts until PATH
# answers 200; cold_start's output goes to $WORK/FILE.txt.
wake_figure() {
  local label=$1 out="$WORK/$2.txt" path=$3 token=${4:-} ms cpu
  env "${PRISM_ENV[@]}" HOST=127.0.0.1 PORT="$PORT" \
    JWT_SECRET_KEY="$JWT_KEY" SECRET_KEY="$SECRET" LOG_LEVEL=warn \
    COLD_START_PATH="$path" COLD_START_TOKEN="$token" \
    "$BUILD_DIR/cold_start" "$WAKE_RUNS" "$PORT" "$BUILD_DIR/prism" serve \
    >"$out" 2>>"$WORK/prism.log" || { row "$label" "failed" "" "NO"; return 0; }
  ms=$(awk '$1 == "median_ms" {print $2}' "$out")
  cpu=$(awk '$1 == "median_cpu_ms" {print $2}' "$out")
  row "$label (median of $WAKE_RUNS)" "$ms ms wall, $cpu ms CPU" "CPU ≤ $TARGET_WAKE_CPU_MS ms" \
    "$(le "$cpu" "$TARGET_WAKE_CPU_MS")"
}

# "empty database" (it holds the one document read) or "100000 documents".
wake_size() { if [ "$1" -le 1 ]; then echo "empty database"; else echo "$1 documents"; fi; }

# wake_rows WHAT NAME SEED_FILE: /ready and a document read, PRISM_ENV's
# database already seeded (SEED_FILE holds its SEED_* lines); the raw
# figures go to $WORK/wake-NAME-{ready,document}.txt.
wake_rows() {
  local what=$1 name=$2 seed=$3
  # The first start applies any migration the seed predates; not measured.
  env "${PRISM_ENV[@]}" HOST=127.0.0.1 PORT="$PORT" JWT_SECRET_KEY="$JWT_KEY" SECRET_KEY="$SECRET" \
    LOG_LEVEL=warn "$BUILD_DIR/prism" migrate >/dev/null 2>>"$WORK/prism.log"
  echo "waking prism on $what × $WAKE_RUNS…" >&2
  wake_figure "wake, $what: start → first 200 from /ready" "wake-$name-ready" /ready
  wake_figure "wake, $what: start → first 200 from GET /documents/{id} (API token)" \
    "wake-$name-document" "/api/v1/documents/$(wake_value SEED_DOCUMENT "$seed")" "$(wake_value SEED_TOKEN "$seed")"
}

# The embedded database: PRISM_ENV is bench/run's SQLite one.
wake_sqlite() {
  local saved=("${PRISM_ENV[@]}") n db
  for n in 1 ${WAKE_DOCS:-}; do
    db=$(wake_sqlite_seed "$n") || { row "wake, SQLite, $n document(s)" "seeding failed" "" "NO"; continue; }
    if [ "$n" -gt 1 ]; then
      row "seed_documents: $n documents on SQLite (cached in $BUILD_DIR/wake-seed)" \
        "$(wake_value SEED_SECONDS "$db.env") s, $(du -m "$db" | cut -f1) MiB" "—" "—"
    fi
    PRISM_ENV=("DATABASE_URL=sqlite:$db")
    wake_rows "SQLite, $(wake_size "$n")" "sqlite-$n" "$db.env"
  done
  PRISM_ENV=("${saved[@]}")
}

# wake_pg_database NAME: a new database of bench/run's PostgreSQL (owned by
# the app's role), made by the superuser over the server's unix socket.
wake_pg_database() {
  wake_pg_superuser postgres "CREATE DATABASE $1 OWNER prism" >/dev/null || return 1
  echo "${PRISM_TEST_POSTGRES_URL/\/prism\?//$1?}"
}

# wake_pg_superuser DATABASE SQL…: runs each SQL as the superuser.
wake_pg_superuser() {
  local db=$1 args=() sql
  shift
  for sql in "$@"; do args+=(-c "$sql"); done
  pg_service_as_postgres "$PG_SERVICE_BIN/psql" -h "$PRISM_TEST_POSTGRES_DIR" \
    -p "$PRISM_TEST_POSTGRES_PORT" -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "${args[@]}"
}

# wake_pg_settle NAME: the vacuum, statistics and checkpoint autovacuum and
# the checkpointer would run in the minutes after a bulk load, done now, so
# that the figures measure a database that has been sitting (as a sleeping
# server's has), not the server busy with them. Prints its size in MiB.
wake_pg_settle() {
  wake_pg_superuser "$1" "VACUUM (ANALYZE)" "CHECKPOINT" \
    "SELECT pg_database_size(current_database()) / 1048576"
}

# PostgreSQL (+ Redis): PRISM_ENV is bench/run's PostgreSQL one, whose
# database URL is replaced by a database of each size.
wake_postgres() {
  local saved=("${PRISM_ENV[@]}") n url seed size
  for n in 1 ${WAKE_DOCS:-}; do
    seed="$WORK/wake-pg-$n.env"
    if ! url=$(wake_pg_database "wake_$n") || ! wake_seed "$url" "$n" "$seed"; then
      row "wake, PostgreSQL, $n document(s)" "seeding failed" "" "NO"
      continue
    fi
    size=$(wake_pg_settle "wake_$n")
    if [ "$n" -gt 1 ]; then
      row "seed_documents: $n documents on PostgreSQL" \
        "$(wake_value SEED_SECONDS "$seed") s, $size MiB" "—" "—"
    fi
    PRISM_ENV[0]="DATABASE_URL=$url"
    wake_rows "PostgreSQL + Redis, $(wake_size "$n")" "postgres-$n" "$seed"
  done
  PRISM_ENV=("${saved[@]}")
}
