#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests (and for trying `--store postgresql://...` on
# one machine): a new cluster in DIR (default /tmp/automl-postgresql), listening on PORT (default
# 54329) and on a socket in DIR, trusting connections from this machine (127.0.0.1) and from the
# network namespaces the worker test makes (10.231.0.0/16), and refusing every other address. TCP
# clients may use TLS: the server has a self-signed certificate for localhost and 127.0.0.1
# (DIR/server.crt, made with openssl), which `sslmode=verify-ca&sslrootcert=DIR/server.crt`
# verifies. Installs Debian's postgresql package first if no server binaries are found. Prints the
# URL to give `--store` and AUTOML_TEST_POSTGRESQL. Run as root it runs the server as the
# `postgres` user.
# Usage: bash scripts/start-postgresql.sh [PORT] [DIR]
set -euo pipefail
port=${1:-54329}
dir=$(realpath -m "${2:-/tmp/automl-postgresql}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: postgresql" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null 2>&1 \
    || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null; }
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
# The server's user may not be allowed into the caller's directory.
cd /
as=()
user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); user=postgres; fi
if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  "${as[@]}" "$bin/initdb" -D "$dir" -U "$user" --auth=trust --no-sync >/dev/null
fi
grep -q "10.231.0.0/16" "$dir/pg_hba.conf" || echo "host all all 10.231.0.0/16 trust" >>"$dir/pg_hba.conf"
grep -q "0.0.0.0/0 reject" "$dir/pg_hba.conf" || echo "host all all 0.0.0.0/0 reject" >>"$dir/pg_hba.conf"
tls=""
if command -v openssl >/dev/null 2>&1; then
  if [ ! -f "$dir/server.crt" ]; then
    "${as[@]}" openssl req -new -x509 -days 3650 -nodes -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1
    chmod 600 "$dir/server.key"
  fi
  tls="-c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key"
else
  echo "warning: openssl not found; the server takes no TLS connections (the TLS tests will fail)" >&2
fi
if ! "${as[@]}" "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  "${as[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
    -o "-p $port -c listen_addresses=* -c unix_socket_directories=$dir -c max_connections=200 -c fsync=off $tls" start >/dev/null
fi
echo "postgresql://$user@127.0.0.1:$port/postgres"
