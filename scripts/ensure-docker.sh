#!/usr/bin/env bash
# Makes sure a Docker engine answers. Does nothing when one already does; on Debian as root it
# installs docker.io with apt and starts dockerd in the background; elsewhere it says what to do.
set -euo pipefail

log() { printf 'ensure-docker: %s\n' "$*" >&2; }

docker_answers() { command -v docker >/dev/null 2>&1 && docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if docker_answers; then
  log "Docker engine $(docker version --format '{{.Server.Version}}') answers; nothing to do."
  exit 0
fi

if [ -n "${DOCKER_HOST:-}" ]; then
  log "DOCKER_HOST=$DOCKER_HOST does not answer. Start that engine, or unset DOCKER_HOST to use a local one."
  exit 1
fi

if [ "$(id -u)" != 0 ] || [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null 2>&1; then
  log "No Docker engine answers. Install Docker (https://docs.docker.com/engine/install/) and start it,"
  log "or run this script as root on Debian, where it installs docker.io and starts dockerd itself."
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io >/dev/null
fi

# The Debian package's docker client may sit behind another one earlier on PATH; both speak the same API.
log "starting dockerd in the background (log: /var/log/dockerd.log) ..."
nohup dockerd >/var/log/dockerd.log 2>&1 &

for _ in $(seq 1 60); do
  if docker_answers; then
    log "Docker engine $(docker version --format '{{.Server.Version}}') is up."
    exit 0
  fi
  sleep 1
done
log "dockerd did not answer within 60 s; its log follows."
tail -n 40 /var/log/dockerd.log >&2 || true
exit 1
