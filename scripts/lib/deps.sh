# shellcheck shell=bash
# Installs the Debian packages dangbo needs to build, test and run locally.
# Sourced by scripts/build, scripts/test and scripts/run-local; call dangbo_install_deps.

# Debian 12 package names. nodejs and npm are handled apart (see _dangbo_missing_node_packages).
DANGBO_DEBIAN_PACKAGES=(
  build-essential g++ cmake ninja-build pkg-config git
  libgrpc++-dev protobuf-compiler protobuf-compiler-grpc libprotobuf-dev libabsl-dev
  libmysqlcppconn-dev mariadb-server mariadb-client
  prometheus-cpp-dev libcpp-jwt-dev libicu-dev nlohmann-json3-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-grpcio
  openssl ca-certificates yamllint shellcheck
)

# Runs a command as root: directly when we are root (CI), through sudo otherwise.
_dangbo_as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "deps: need root or sudo to install Debian packages: $*" >&2
    return 1
  fi
}

_dangbo_package_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == "installed" ]]
}

# A machine may carry a Node.js from another Debian source whose nodejs package bundles npm and
# conflicts with Debian's npm package, so the commands decide, not the package names.
_dangbo_missing_node_packages() {
  command -v node >/dev/null 2>&1 || echo nodejs
  command -v npm >/dev/null 2>&1 || echo npm
}

dangbo_missing_packages() {
  local pkg
  for pkg in "${DANGBO_DEBIAN_PACKAGES[@]}"; do
    _dangbo_package_installed "${pkg}" || echo "${pkg}"
  done
  _dangbo_missing_node_packages
}

# Installs whatever is missing; does nothing (and touches no network) when all is present.
dangbo_install_deps() {
  local missing
  mapfile -t missing < <(dangbo_missing_packages)
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  echo "deps: installing ${missing[*]}" >&2

  # Keep the postinstall scripts from starting a system MariaDB on port 3306: dangbo runs its
  # own private servers. A policy already in place is left as it is.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e "${policy}" ]]; then
    _dangbo_as_root sh -c "printf '#!/bin/sh\nexit 101\n' > ${policy} && chmod 755 ${policy}"
    added_policy=1
  fi

  local rc=0
  _dangbo_as_root apt-get update -q || rc=$?
  if [[ ${rc} -eq 0 ]]; then
    _dangbo_as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends "${missing[@]}" || rc=$?
  fi

  if [[ ${added_policy} -eq 1 ]]; then
    _dangbo_as_root rm -f "${policy}"
  fi
  if [[ ${rc} -ne 0 ]]; then
    echo "deps: apt-get failed (exit ${rc})" >&2
    return "${rc}"
  fi

  mapfile -t missing < <(dangbo_missing_packages)
  if [[ ${#missing[@]} -ne 0 ]]; then
    echo "deps: still missing after install: ${missing[*]}" >&2
    return 1
  fi
}

# Debian's python3-grpcio lives in the system interpreter, which a python3 earlier on PATH
# (pyenv, a virtualenv) does not see.
export DANGBO_PYTHON=/usr/bin/python3
