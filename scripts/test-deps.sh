#!/usr/bin/env bash
# What the tests need that npm does not bring: Debian's chromium (Playwright drives it), redis-server,
# varnish with varnish-modules (xkey) for the cluster tests, and PostgreSQL 15 with contrib (pg_trgm)
# for the tests on PostgreSQL. `npm test` runs this first; .ci/run too. Nothing to do when all are
# there; as root on Debian the missing ones are installed with apt-get; otherwise it says what to
# install and stops.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ] || need+=(varnish)
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || need+=(varnish-modules)
if [ ! -x /usr/lib/postgresql/15/bin/initdb ] || [ ! -f /usr/share/postgresql/15/extension/pg_trgm.control ]; then
  need+=(postgresql postgresql-contrib)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: the tests need Debian's ${need[*]}; install with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "test-deps: installing Debian's ${need[*]}"
# The tests start their own PostgreSQL cluster (scripts/pg-cluster.ts): no Debian cluster on port 5432.
mkdir -p /etc/postgresql-common
grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf || echo "create_main_cluster = false" >> /etc/postgresql-common/createcluster.conf
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
# Debian starts the services it installs; the tests start their own on loopback, so stop these.
for service in redis-server varnish; do
  if [[ " ${need[*]} " == *" $service "* ]] && command -v service >/dev/null 2>&1; then
    service "$service" stop >/dev/null 2>&1 || true
  fi
done
echo "test-deps: installed ${need[*]}"
