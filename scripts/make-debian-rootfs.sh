#!/usr/bin/env bash
# make-debian-rootfs.sh OUT.tar [SUITE]: writes a minimal Debian root filesystem as a tar, for
# `docker import`, where no registry serves a Debian base image. It uses mmdebstrap (installed
# with apt when missing, as root on Debian) and this machine's own apt sources, so it reaches
# whatever Debian mirror the machine is set up for.
set -euo pipefail
out=${1:?usage: make-debian-rootfs.sh OUT.tar [SUITE]}
suite=${2:-bookworm}

if ! command -v mmdebstrap >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "make-debian-rootfs: mmdebstrap is missing; install it (apt-get install mmdebstrap) or provide a base image." >&2
    exit 1
  fi
  echo "make-debian-rootfs: installing mmdebstrap with apt-get ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
fi

mirrors=()
for sources in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list; do
  if [ -s "$sources" ] && grep -qs debian "$sources"; then mirrors+=("$sources"); fi
done

exec mmdebstrap --variant=minbase --format=tar "$suite" "$out" "${mirrors[@]}"
