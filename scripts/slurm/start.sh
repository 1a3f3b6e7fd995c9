#!/bin/bash
# Starts a one-node Slurm cluster on this machine for the tests (Debian's slurm-wlm, as root, without
# systemd), installing slurm-wlm and munge first when they are absent and apt-get can install them.
# State and logs go to $BETADARTS_SLURM_DIR (default ${TMPDIR:-/tmp}/betadarts-slurm); the cluster
# is fresh each time. Prints the SLURM_CONF to export for sbatch, squeue and the tests. scripts/slurm/stop.sh
# stops it. Only one such cluster can run on a machine (fixed ports, /run/munge).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
base=${BETADARTS_SLURM_DIR:-${TMPDIR:-/tmp}/betadarts-slurm}
host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)   # MB, under what slurmd finds

if ! command -v slurmctld >/dev/null || [ ! -x /usr/sbin/munged ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "start.sh: slurm-wlm and munge are not installed and cannot be installed here (needs root and apt-get)" >&2
    exit 1
  fi
  echo "start.sh: installing slurm-wlm and munge" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q slurm-wlm munge >/dev/null ||
    { apt-get update -q >/dev/null && apt-get install -y -q slurm-wlm munge >/dev/null; }
fi

# a cluster left running from an earlier start (same directory) is stopped first
if [ -e "$base/state/slurmctld.pid" ]; then
  "$here/stop.sh" >/dev/null
fi
rm -rf "$base/state" "$base/log"
mkdir -p "$base/etc" "$base/state/ctld" "$base/state/d" "$base/log"
sed -e "s|@BASE@|$base|g" -e "s|@HOST@|$host|g" -e "s|@CPUS@|$cpus|g" -e "s|@MEM@|$mem|g" \
  "$here/slurm.conf.in" > "$base/etc/slurm.conf"
export SLURM_CONF=$base/etc/slurm.conf

# munge authenticates the daemons and the commands: its key (the package makes one), its socket
# directory, the daemon (unless one runs already)
if [ ! -s /etc/munge/munge.key ]; then
  install -d -o munge -g munge -m 0700 /etc/munge
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
fi
install -d -o munge -g munge -m 0755 /run/munge
if ! munge -n </dev/null >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged
  touch "$base/state/munged-ours"
fi
for _ in $(seq 50); do
  munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && break
  sleep 0.1
done
munge -n </dev/null | unmunge >/dev/null

# the controller and the node daemon put themselves in the background
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
state=
for _ in $(seq 600); do
  state=$(sinfo -h -n "$host" -o %t 2>/dev/null || true)
  if [ "$state" = idle ]; then
    echo "slurm: node $host idle with $cpus CPUs; export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.1
done
echo "start.sh: the node did not become idle within 60 s (state '$state')" >&2
tail -n 20 "$base/log/slurmctld.log" "$base/log/slurmd.log" >&2
exit 1
