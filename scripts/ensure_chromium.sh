#!/bin/sh
# `make test` runs this before pytest. The browser tests drive Debian's
# Chromium (never a downloaded one): install it when it is missing and this
# machine allows it (root or passwordless sudo, and apt-get), otherwise stop
# at once with the one command to run, rather than let every browser test fail.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
INSTALL="apt-get install -y chromium"

[ -x "$CHROMIUM" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u 2>/dev/null)" = 0 ]; then
        as_root=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        as_root="sudo -n"
    else
        as_root="none"
    fi
    if [ "$as_root" != none ]; then
        echo "--- installing Debian's Chromium for the browser tests ($INSTALL)"
        $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
            $as_root env DEBIAN_FRONTEND=noninteractive $INSTALL -qq >/dev/null
        [ -x "$CHROMIUM" ] && exit 0
        echo "Installing Chromium did not put it at $CHROMIUM." >&2
    fi
fi

echo "The browser tests need Debian's Chromium at $CHROMIUM, which is missing. Install it with:" >&2
echo "" >&2
echo "    $INSTALL" >&2
echo "" >&2
echo "(as root, or with sudo), then run make test again." >&2
exit 1
