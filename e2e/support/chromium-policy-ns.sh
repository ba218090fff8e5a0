#!/bin/sh
# Chromium with enterprise policy from $CHROMIUM_POLICY_ROOT instead of /etc/chromium, for the extension's tests
# (extension-tooling.md §6): a private mount namespace bind-mounts that directory over /etc/chromium for this
# process tree only, so no policy file is ever written on the host and nothing is left when the browser exits.
# Needs root (CI runs as root) and util-linux's unshare. $CHROMIUM_BINARY: the binary, Debian's by default.
set -e
: "${CHROMIUM_POLICY_ROOT:?CHROMIUM_POLICY_ROOT must name the directory to mount over /etc/chromium}"
CHROMIUM_BINARY="${CHROMIUM_BINARY:-/usr/lib/chromium/chromium}"
export CHROMIUM_POLICY_ROOT CHROMIUM_BINARY
exec unshare --mount --propagation private sh -c '
  mount --bind "$CHROMIUM_POLICY_ROOT" /etc/chromium && exec "$CHROMIUM_BINARY" "$@"
' chromium "$@"
