#!/usr/bin/env bash
# PostgreSQL and RabbitMQ from Debian's packages, on loopback ports, without systemd or Docker.
#   scripts/services.sh start|stop|status|env|rmq-kill|rmq-start|pg-stop|pg-start
# State lives under $BASE (default .data/services). Ports can be overridden:
#   PG_PORT (55432) RMQ_PORT (56720) RMQ_DIST_PORT (RMQ_PORT+1) RMQ_EPMD_PORT (RMQ_PORT+2) RMQ_MGMT_PORT (RMQ_PORT+3)
# Works as root; as a normal user it uses sudo for the steps that need root.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE=${BASE:-$ROOT/.data/services}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PG_PORT=${PG_PORT:-55432}
RMQ_PORT=${RMQ_PORT:-56720}
RMQ_DIST_PORT=${RMQ_DIST_PORT:-$((RMQ_PORT + 1))}
RMQ_EPMD_PORT=${RMQ_EPMD_PORT:-$((RMQ_PORT + 2))}
RMQ_MGMT_PORT=${RMQ_MGMT_PORT:-$((RMQ_PORT + 3))}
R=/usr/lib/rabbitmq/bin
APP_USER=app
APP_PASSWORD=${APP_PASSWORD:-app}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- "$@"; }

install_missing() {
  local missing=()
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/pg_ctl" ] || missing+=(postgresql)
  command -v psql >/dev/null || missing+=(postgresql-client)
  [ -x $R/rabbitmq-server ] || missing+=(rabbitmq-server)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "services: installing ${missing[*]} from Debian's packages" >&2
    as_root apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${missing[@]}" >/dev/null
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
}

rmq_env() {
  export HOME=$BASE/rmq/home RABBITMQ_NODENAME=provisioner-$RMQ_PORT@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$RMQ_PORT RABBITMQ_DIST_PORT=$RMQ_DIST_PORT
  export ERL_EPMD_PORT=$RMQ_EPMD_PORT ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_MNESIA_BASE=$BASE/rmq/mnesia RABBITMQ_LOG_BASE=$BASE/rmq/log RABBITMQ_PID_FILE=$BASE/rmq/rabbit.pid
  export RABBITMQ_ENABLED_PLUGINS_FILE=$BASE/rmq/enabled_plugins RABBITMQ_CONFIG_FILE=$BASE/rmq/rabbitmq.conf
  export RABBITMQ_CONF_ENV_FILE=$BASE/rmq/rabbitmq-env.conf
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

pg_start() {
  as_root mkdir -p "$BASE/pg"
  as_root chown postgres:postgres "$BASE/pg"
  if ! as_root test -f "$BASE/pg/data/PG_VERSION"; then
    echo postgres | as_root tee "$BASE/pg/pw" >/dev/null
    as_root chown postgres "$BASE/pg/pw"
    as_postgres "$PG_BIN/initdb" -D "$BASE/pg/data" -U postgres --auth-local=trust \
      --auth-host=scram-sha-256 --pwfile="$BASE/pg/pw" -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$BASE/pg/data" status >/dev/null 2>&1; then
    as_postgres "$PG_BIN/pg_ctl" -D "$BASE/pg/data" -l "$BASE/pg/pg.log" -w -t 60 -o "-p $PG_PORT \
      -c listen_addresses=127.0.0.1 -k $BASE/pg -c max_connections=300 ${PG_EXTRA_OPTS:-}" start >/dev/null
  fi
  PGPASSWORD=postgres psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtAc \
    "select 1 from pg_roles where rolname='$APP_USER'" | grep -q 1 ||
    PGPASSWORD=postgres psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -q \
      -c "CREATE ROLE $APP_USER LOGIN CREATEDB CREATEROLE PASSWORD '$APP_PASSWORD'" >/dev/null
}

pg_stop() {
  as_root test -f "$BASE/pg/data/postmaster.pid" &&
    as_postgres "$PG_BIN/pg_ctl" -D "$BASE/pg/data" -m fast -w stop >/dev/null 2>&1 || true
}

rmq_start() {
  rmq_env
  mkdir -p "$HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
  if [ -f "$RABBITMQ_PID_FILE" ] && $R/rabbitmq-diagnostics -q ping >/dev/null 2>&1; then return 0; fi
  printf 'listeners.tcp.default = 127.0.0.1:%s\nmanagement.tcp.ip = 127.0.0.1\nmanagement.tcp.port = %s\nloopback_users = none\n' \
    "$RABBITMQ_NODE_PORT" "$RMQ_MGMT_PORT" > "$RABBITMQ_CONFIG_FILE"
  : > "$RABBITMQ_CONF_ENV_FILE"
  echo "[rabbitmq_management]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
  setsid $R/rabbitmq-server > "$BASE/rmq/server.out" 2>&1 < /dev/null &
  $R/rabbitmqctl -q wait "$RABBITMQ_PID_FILE" --timeout 120 >/dev/null
  $R/rabbitmqctl -q list_users | grep -q "^$APP_USER" || {
    $R/rabbitmqctl -q add_user "$APP_USER" "$APP_PASSWORD" >/dev/null
    $R/rabbitmqctl -q set_permissions -p / "$APP_USER" '.*' '.*' '.*' >/dev/null
    $R/rabbitmqctl -q set_user_tags "$APP_USER" administrator >/dev/null; }
}

# SIGKILL is the fast stop (rabbitmqctl shutdown takes ~7 s); state is throwaway or recovers from mnesia.
rmq_kill() {
  rmq_env
  local pid
  pid=$(cat "$RABBITMQ_PID_FILE" 2>/dev/null || true)
  if [ -n "$pid" ]; then
    kill -KILL "$pid" 2>/dev/null || true
    # PID 1 may not reap: a zombie still answers kill -0, so wait until it is gone or a zombie.
    for _ in $(seq 1 100); do
      local st; st=$(ps -o stat= -p "$pid" 2>/dev/null || true)
      [ -z "$st" ] || [[ "$st" == Z* ]] && break
      sleep 0.1
    done
    rm -f "$RABBITMQ_PID_FILE"
  fi
  epmd -kill >/dev/null 2>&1 || true
}

print_env() {
  cat <<ENV
ConnectionStrings__postgres=Host=127.0.0.1;Port=$PG_PORT;Username=$APP_USER;Password=$APP_PASSWORD
ConnectionStrings__rabbitmq=amqp://$APP_USER:$APP_PASSWORD@127.0.0.1:$RMQ_PORT/
RABBITMQ_MANAGEMENT_URL=http://$APP_USER:$APP_PASSWORD@127.0.0.1:$RMQ_MGMT_PORT/
ENV
}

case "${1:-}" in
  start) install_missing; pg_start; rmq_start ;;
  stop) rmq_kill; pg_stop ;;
  status)
    rmq_env
    if $R/rabbitmq-diagnostics -q ping >/dev/null 2>&1; then echo "rabbitmq: running on 127.0.0.1:$RMQ_PORT"; else echo "rabbitmq: stopped"; fi
    if as_postgres "$PG_BIN/pg_ctl" -D "$BASE/pg/data" status >/dev/null 2>&1; then echo "postgres: running on 127.0.0.1:$PG_PORT"; else echo "postgres: stopped"; fi ;;
  env) print_env ;;
  rmq-kill) rmq_kill ;;
  rmq-start) rmq_start ;;
  pg-stop) pg_stop ;;
  pg-start) pg_start ;;
  *) echo "usage: $0 start|stop|status|env|rmq-kill|rmq-start|pg-stop|pg-start" >&2; exit 2 ;;
esac
