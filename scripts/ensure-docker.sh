#!/usr/bin/env bash
# Makes sure a Docker engine answers, with gVisor's runsc registered as a second runtime. On Debian
# as root it installs docker.io and runsc with apt, registers runsc in /etc/docker/daemon.json and
# starts dockerd in the background (or has a running one reload its configuration); elsewhere it
# says what to do.
#
# runsc is registered with --network=none: that is the only way Debian's runsc (2022-12) starts
# containers on this kernel, so runs under it (isolation STRONG) never have a network.
set -euo pipefail

log() { printf 'ensure-docker: %s\n' "$*" >&2; }

docker_answers() { command -v docker >/dev/null 2>&1 && docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
runsc_registered() { docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"'; }
# A dockerd process that is not a zombie (a killed dockerd stays one where PID 1 does not reap).
dockerd_alive() {
  local pid
  for pid in $(pgrep -x dockerd); do
    [ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" = Z ] || return 0
  done
  return 1
}
is_debian_root() { [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Adds runsc to daemon.json's runtimes, keeping whatever else the file says.
register_runsc() {
  mkdir -p /etc/docker
  node - /etc/docker/daemon.json "$(command -v runsc)" <<'JS'
const fs = require("node:fs");
const [file, path] = process.argv.slice(2);
const config = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8") || "{}") : {};
config.runtimes = { ...config.runtimes, runsc: { path, runtimeArgs: ["--network=none"] } };
fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
JS
}

if [ -n "${DOCKER_HOST:-}" ]; then
  if docker_answers; then
    runsc_registered || log "DOCKER_HOST=$DOCKER_HOST has no runsc runtime: isolation STRONG is unavailable there."
    exit 0
  fi
  log "DOCKER_HOST=$DOCKER_HOST does not answer. Start that engine, or unset DOCKER_HOST to use a local one."
  exit 1
fi

if ! is_debian_root; then
  if docker_answers; then
    runsc_registered || log "runsc is not registered with this engine: isolation STRONG is unavailable (see README)."
    exit 0
  fi
  log "No Docker engine answers. Install Docker (https://docs.docker.com/engine/install/) and start it,"
  log "or run this script as root on Debian, where it installs docker.io and starts dockerd itself."
  exit 1
fi

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v runsc >/dev/null 2>&1 || missing+=(runsc)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} with apt-get ..."
  apt_install "${missing[@]}"
fi
register_runsc

if docker_answers; then
  if ! runsc_registered; then
    # runtimes is one of the settings dockerd reloads on SIGHUP: running containers are untouched.
    log "asking the running dockerd to reload its configuration (runsc) ..."
    pkill -HUP -x dockerd
    for _ in $(seq 1 20); do runsc_registered && break; sleep 0.5; done
    runsc_registered || { log "dockerd did not pick up runsc from /etc/docker/daemon.json"; exit 1; }
  fi
  log "Docker engine $(docker version --format '{{.Server.Version}}') answers, with runsc; nothing else to do."
  exit 0
fi

# Waits up to 60 s for the engine to answer; gives up as soon as no dockerd is left to answer.
answers_soon() {
  for _ in $(seq 1 120); do
    docker_answers && return 0
    dockerd_alive || return 1
    sleep 0.5
  done
  return 1
}
report_up() {
  log "Docker engine $(docker version --format '{{.Server.Version}}') is up, with runsc."
  exit 0
}

# A dockerd that is starting or shutting down answers nothing yet: wait for it to answer or to end.
if dockerd_alive; then
  log "a dockerd is running but does not answer yet; waiting for it ..."
  answers_soon && report_up
fi

# A dockerd that was killed leaves its pid file, and a new one refuses to start while it is there.
if [ -f /var/run/docker.pid ] && ! dockerd_alive; then
  log "removing the pid file of a dockerd that is gone"
  rm -f /var/run/docker.pid
fi

# The Debian package's docker client may sit behind another one earlier on PATH; both speak the same API.
# After a crash the first start can time out waiting for its containerd while the old containers'
# shims are still being reaped: a dockerd that exits before answering is started again.
for attempt in 1 2 3; do
  log "starting dockerd in the background (log: /var/log/dockerd.log) ..."
  nohup dockerd >/var/log/dockerd.log 2>&1 &
  answers_soon && report_up
  dockerd_alive && break
  log "dockerd exited before answering (attempt $attempt): $(tail -n 1 /var/log/dockerd.log)"
  rm -f /var/run/docker.pid
done
log "dockerd did not answer; its log follows."
tail -n 40 /var/log/dockerd.log >&2 || true
exit 1
