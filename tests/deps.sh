#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Install the Debian packages named in $DEPS that are missing: with apt-get
# when run as root, otherwise print the exact command and fail.
set -e
missing=
for pkg in $DEPS; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
	echo "missing packages; run as root:"
	echo "  apt-get update && $cmd"
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
$cmd
