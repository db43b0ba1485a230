# shellcheck shell=bash
# A private MariaDB server under a folder of our own: its own data, socket, port and pid file,
# so it never touches a system server (design.md §3). Sourced; the functions below take the
# data folder as their first argument.
#
#   dangbo_mariadb_start DATADIR PORT     initialize (first time only), start, wait until it answers
#   dangbo_mariadb_create_schema DATADIR SCHEMA USER PASSWORD
#   dangbo_mariadb_sql DATADIR            run SQL from stdin as root over the socket
#   dangbo_mariadb_stop DATADIR           stop the server whose pid is in DATADIR's pid file

_dangbo_mariadb_bin() {
  local name=$1
  command -v "${name}" 2>/dev/null || { [[ -x "/usr/sbin/${name}" ]] && echo "/usr/sbin/${name}"; } ||
    { echo "mariadb: ${name} not found (scripts/lib/deps.sh installs it)" >&2; return 1; }
}

_dangbo_mariadb_pid() {
  local pid_file="$1/mariadbd.pid" pid
  [[ -s "${pid_file}" ]] || return 1
  pid=$(<"${pid_file}")
  kill -0 "${pid}" 2>/dev/null || return 1
  echo "${pid}"
}

dangbo_mariadb_running() {
  _dangbo_mariadb_pid "$1" >/dev/null
}

dangbo_mariadb_start() {
  local datadir port
  datadir=$(realpath -m "$1")
  port=$2
  local socket="${datadir}/mysqld.sock"
  # A unix socket path longer than sun_path (108 bytes) fails with an obscure bind error.
  if [[ ${#socket} -ge 108 ]]; then
    echo "mariadb: socket path too long (${#socket} bytes): ${socket}" >&2
    return 1
  fi

  if dangbo_mariadb_running "${datadir}"; then
    _dangbo_mariadb_wait "${datadir}" || return 1
    return 0
  fi

  local install_db mariadbd
  install_db=$(_dangbo_mariadb_bin mariadb-install-db) || return 1
  mariadbd=$(_dangbo_mariadb_bin mariadbd) || return 1

  mkdir -p "${datadir}"
  if [[ ! -d "${datadir}/mysql" ]]; then
    "${install_db}" --no-defaults --datadir="${datadir}" --auth-root-authentication-method=normal \
      --skip-test-db >"${datadir}/install-db.log" 2>&1 || {
      echo "mariadb: mariadb-install-db failed; see ${datadir}/install-db.log" >&2
      tail -n 20 "${datadir}/install-db.log" >&2
      return 1
    }
  fi

  # Small buffers: these servers hold test and demo data, and share the machine with the build.
  # --user is honoured only when started as root, where mariadbd otherwise refuses to run.
  # DANGBO_MARIADB_EXTRA_ARGS is split into words on purpose: it holds several options.
  # shellcheck disable=SC2086
  nohup "${mariadbd}" --no-defaults --datadir="${datadir}" --socket="${socket}" \
    --port="${port}" --bind-address=127.0.0.1 --user=root --pid-file="${datadir}/mariadbd.pid" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=128M --innodb-log-file-size=48M --innodb-log-buffer-size=8M \
    --max-connections=300 --skip-name-resolve \
    ${DANGBO_MARIADB_EXTRA_ARGS:-} \
    >>"${datadir}/mariadbd.log" 2>&1 </dev/null &
  _dangbo_mariadb_wait "${datadir}" "$!"
}

# Waits until the server answers a ping on its socket; fails early if it died on the way.
_dangbo_mariadb_wait() {
  local datadir=$1 child=${2:-} admin i
  admin=$(_dangbo_mariadb_bin mariadb-admin) || return 1
  for ((i = 0; i < 300; i++)); do
    if "${admin}" --no-defaults --socket="${datadir}/mysqld.sock" -uroot ping >/dev/null 2>&1; then
      return 0
    fi
    if [[ -n "${child}" ]] && ! kill -0 "${child}" 2>/dev/null; then
      echo "mariadb: server exited during start; last lines of ${datadir}/mariadbd.log:" >&2
      tail -n 20 "${datadir}/mariadbd.log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "mariadb: server did not answer within 60 s; see ${datadir}/mariadbd.log" >&2
  return 1
}

dangbo_mariadb_sql() {
  local datadir client
  datadir=$(realpath -m "$1")
  client=$(_dangbo_mariadb_bin mariadb) || return 1
  "${client}" --no-defaults --socket="${datadir}/mysqld.sock" -uroot --batch \
    --default-character-set=utf8mb4
}

# Creates (or keeps) a schema and a user who may use that schema only. Re-running resets the
# user's password to the one given, so credentials on disk and in the server agree.
dangbo_mariadb_create_schema() {
  local datadir=$1 schema=$2 user=$3 password=$4
  if [[ ! "${schema}" =~ ^[A-Za-z0-9_]+$ || ! "${user}" =~ ^[A-Za-z0-9_]+$ ]]; then
    echo "mariadb: schema and user must be plain identifiers: '${schema}' '${user}'" >&2
    return 1
  fi
  local quoted_password=${password//\\/\\\\}
  quoted_password=${quoted_password//\'/\\\'}
  local host
  {
    echo "CREATE DATABASE IF NOT EXISTS \`${schema}\`"
    echo "  CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    # 'localhost' for the socket, '127.0.0.1' for TCP (the server skips name resolution).
    for host in localhost 127.0.0.1; do
      echo "CREATE USER IF NOT EXISTS '${user}'@'${host}' IDENTIFIED BY '${quoted_password}';"
      echo "ALTER USER '${user}'@'${host}' IDENTIFIED BY '${quoted_password}';"
      echo "GRANT ALL PRIVILEGES ON \`${schema}\`.* TO '${user}'@'${host}';"
    done
  } | dangbo_mariadb_sql "${datadir}"
}

dangbo_mariadb_stop() {
  local datadir pid i
  datadir=$(realpath -m "$1")
  pid=$(_dangbo_mariadb_pid "${datadir}") || return 0
  kill -TERM "${pid}" 2>/dev/null || return 0
  # A clean InnoDB shutdown can take a few seconds; waiting keeps the next start from racing it.
  for ((i = 0; i < 300; i++)); do
    kill -0 "${pid}" 2>/dev/null || return 0
    sleep 0.2
  done
  echo "mariadb: server ${pid} did not stop within 60 s" >&2
  return 1
}
