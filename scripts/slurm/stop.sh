#!/bin/bash
# Stops the cluster of scripts/slurm/start.sh: cancels its jobs, shuts the daemons down and stops
# munged when start.sh started it.
set -u
base=${BETADARTS_SLURM_DIR:-${TMPDIR:-/tmp}/betadarts-slurm}
export SLURM_CONF=$base/etc/slurm.conf

# whether the process of a pid file lives (a zombie does not: PID 1 may reap it late)
alive() {
  [ -s "$1" ] || return 1
  local stat
  stat=$(ps -o stat= -p "$(cat "$1")" 2>/dev/null) || return 1
  [ -n "$stat" ] && [ "${stat#Z}" = "$stat" ]
}

if alive "$base/state/slurmctld.pid"; then
  scancel -p debug 2>/dev/null
  for _ in $(seq 60); do
    [ -z "$(squeue -h 2>/dev/null)" ] && break
    sleep 0.5
  done
  scontrol shutdown 2>/dev/null
fi
for pidfile in "$base/state/slurmd.pid" "$base/state/slurmctld.pid"; do
  for _ in $(seq 40); do
    alive "$pidfile" || break
    sleep 0.25
  done
  if alive "$pidfile"; then
    kill -TERM "$(cat "$pidfile")"
    sleep 2
    alive "$pidfile" && kill -KILL "$(cat "$pidfile")"
  fi
done
if [ -e "$base/state/munged-ours" ] && alive /run/munge/munged.pid; then
  kill -TERM "$(cat /run/munge/munged.pid)"
  rm -f "$base/state/munged-ours"
fi
echo "slurm: stopped"
