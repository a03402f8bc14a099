#!/usr/bin/env bash
# Fetches the pinned IP-to-country database from npm, verifies it, and installs it into the collector.
set -euo pipefail
VERSION=2.3.2026061719
INTEGRITY=sha512-xemBDNQl4mCYDuVbqe3jKGKsVDykZGkfvebhtOh/3VGLadq8vsp7t7ontpMUt3hH7sAGT0eLDyJ99SV+0waxZg==
RESULT_SHA256=c5f7c0e9bd6a6ccb5a2e9634764544a0d08bd0bd8788b8aedfac87bea184c652
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TARGET="$ROOT/collector/src/main/resources/io/hashfence/collector/compliance/geo-whois-asn-country.mmdb"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
tarball=$(npm pack --silent "@ip-location-db/geo-whois-asn-country-mmdb@$VERSION")
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
[ "$actual" = "$INTEGRITY" ] || { echo "integrity mismatch: $actual" >&2; exit 1; }
tar xzf "$tarball" package/geo-whois-asn-country.mmdb
echo "$RESULT_SHA256  package/geo-whois-asn-country.mmdb" | sha256sum -c --quiet
cp package/geo-whois-asn-country.mmdb "$TARGET"
echo "installed $TARGET (version $VERSION)"
