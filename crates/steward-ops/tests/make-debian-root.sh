#!/usr/bin/env bash
# Build, once per machine, the Debian root the controls tests verify: a debootstrap minbase
# of the running Debian release (or $STEWARD_DEBIAN_SUITE) with the packages the Linux
# baseline pack looks for (openssh-server, auditd, nftables, unattended-upgrades, pwquality).
# It lives outside the repository, in $STEWARD_DEBIAN_ROOT (default
# /var/cache/steward-ci/debian-root); the script prints that path and does nothing else
# when the root is already built. Needs root and debootstrap (apt-get install debootstrap).
set -euo pipefail

dest="${STEWARD_DEBIAN_ROOT:-/var/cache/steward-ci/debian-root}"
suite="${STEWARD_DEBIAN_SUITE:-$( . /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-bookworm}" || echo bookworm)}"
mirror="${STEWARD_DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  # The mirror this machine's apt already uses, so no other host is contacted.
  mirror="$(grep -hoE '^(URIs:|deb) +[^ ]+' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | grep -v security | awk '{print $2}' | head -n1 || true)"
fi
[ -n "$mirror" ] || { echo "no Debian mirror configured in /etc/apt; set STEWARD_DEBIAN_MIRROR" >&2; exit 2; }

packages="openssh-server,auditd,systemd,nftables,unattended-upgrades,libpam-pwquality"
built_with() { [ -f "$dest/.steward-complete" ] && [ "$(cat "$dest/.steward-complete")" = "$suite $packages" ]; }
if built_with; then
  echo "$dest"
  exit 0
fi
command -v debootstrap >/dev/null || {
  echo "debootstrap is not installed: apt-get install debootstrap" >&2
  exit 2
}
[ "$(id -u)" = 0 ] || { echo "building the Debian root needs root (debootstrap chroots)" >&2; exit 2; }

mkdir -p "$(dirname "$dest")"
exec 9>"$dest.lock"
flock 9
# Another test may have built it while this one waited for the lock.
if built_with; then
  echo "$dest"
  exit 0
fi

work="$dest.building.$$"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase --include="$packages" "$suite" "$work" "$mirror" >&2
# debootstrap leaves the build host's resolver and apt caches; the image does not need them.
rm -rf "$work/var/cache/apt/archives/"*.deb
echo "$suite $packages" > "$work/.steward-complete"
rm -rf "$dest"
mv "$work" "$dest"
trap - EXIT
echo "$dest"
