# shellcheck shell=bash
# Creates one schema and one database user per dangbo service, the user granted that schema
# only (design.md §1: no service reads another's schema).
#
# The MariaDB image's entrypoint sources this file (it is not executable) on the first start of
# an empty data volume, with docker_process_sql defined. It is idempotent; after adding a
# service, run it again in the running pod:
#   kubectl exec -n dangbo-dev mariadb-0 -- bash /docker-entrypoint-initdb.d/create-schemas.sh
#
# DANGBO_SERVICES            services, separated by spaces (schema name = service name)
# DANGBO_DB_CREDENTIALS_DIR  holds <service>/username and <service>/password (default
#                            /run/dangbo/db, where the StatefulSet mounts the services' Secrets)

# Runs SQL from stdin as root: through the entrypoint's helper during initialization, through
# the client and the root password when run by hand.
_dangbo_root_sql() {
  if declare -F docker_process_sql >/dev/null; then
    docker_process_sql
  else
    MYSQL_PWD=${MARIADB_ROOT_PASSWORD:?} mariadb --protocol=socket -uroot
  fi
}

# Quotes a value as an SQL string literal body (backslash and single quote escaped).
_dangbo_sql_string() {
  local value=${1//\\/\\\\}
  printf '%s' "${value//\'/\\\'}"
}

dangbo_create_service_schemas() {
  local dir=${DANGBO_DB_CREDENTIALS_DIR:-/run/dangbo/db}
  local service user password
  for service in ${DANGBO_SERVICES:?DANGBO_SERVICES names no service}; do
    if [[ ! -r "${dir}/${service}/username" || ! -r "${dir}/${service}/password" ]]; then
      echo "create-schemas: no credentials for ${service} under ${dir}/${service}" >&2
      return 1
    fi
    user=$(<"${dir}/${service}/username")
    password=$(<"${dir}/${service}/password")
    if [[ ! "${service}" =~ ^[a-z][a-z0-9_]*$ || ! "${user}" =~ ^[A-Za-z0-9_]+$ ]]; then
      echo "create-schemas: schema and user must be plain identifiers: '${service}' '${user}'" >&2
      return 1
    fi
    if [[ -z "${password}" ]]; then
      echo "create-schemas: empty password for ${service}" >&2
      return 1
    fi
    password=$(_dangbo_sql_string "${password}")
    _dangbo_root_sql <<SQL || return 1
CREATE DATABASE IF NOT EXISTS \`${service}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY '${password}';
ALTER USER '${user}'@'%' IDENTIFIED BY '${password}';
GRANT ALL PRIVILEGES ON \`${service}\`.* TO '${user}'@'%';
SQL
    echo "create-schemas: schema ${service}, user ${user}"
  done
}

dangbo_create_service_schemas
