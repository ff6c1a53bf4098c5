#!/bin/sh
# Makes sure the PostgreSQL server the audit test suites create their databases on answers on
# 127.0.0.1:5432 (user postgres, trust authentication): starts an installed but stopped Debian
# cluster; as root on a machine without one, installs Debian's postgresql and lets local TCP
# connections in without a password (test machines only). Otherwise says exactly what is missing.
# Skipped when AUDIT_TEST_POSTGRES_URL names another server.
set -eu

[ -n "${AUDIT_TEST_POSTGRES_URL:-}" ] && exit 0

ready() {
  command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432
}

cluster_version() {
  ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1
}

ready && exit 0

if [ -z "$(cluster_version)" ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL is missing: the audit tests need a server on 127.0.0.1:5432 with trust" \
      "authentication for user postgres. Install Debian's postgresql package (as root:" \
      "apt-get install postgresql), or set AUDIT_TEST_POSTGRES_URL to another server." >&2
    exit 1
  fi
  echo "ensure-postgres: installing Debian's postgresql for the audit tests" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  version=$(cluster_version)
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  # This cluster was installed for the tests: local TCP connections need no password.
  sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
fi

version=$(cluster_version)
if command -v pg_ctlcluster >/dev/null 2>&1; then
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null ||
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload 2>/dev/null || true
fi

tries=0
until ready; do
  tries=$((tries + 1))
  if [ "$tries" -ge 30 ]; then
    echo "PostgreSQL $version is installed but does not answer on 127.0.0.1:5432: start it with" \
      "pg_ctlcluster --skip-systemctl-redirect $version main start (as root), and check its log" \
      "under /var/log/postgresql/." >&2
    exit 1
  fi
  sleep 1
done
