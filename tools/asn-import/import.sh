#!/usr/bin/env bash
# Fetches the pinned IP-to-ASN data (npm @ip-location-db/asn, CSV), verifies it, converts it into the
# collector's compact table (convert.py beside this script) and checks the result against its pinned
# checksum. To update, change the version and both checksums here and in collector/ASN-PROVENANCE.md.
set -euo pipefail
VERSION=2.3.2026061719
INTEGRITY=sha512-PpqYi7wyEyWwunXBtl+y3Vi403SvNywotWwvmiYCOUtE0SVol/Sf492Ee+eErEznmGapxEQB2SAfrpXuZ9a+vQ==
RESULT_SHA256=962949da758bd4d38e5fc935118a5bee6bc518304b460c22a11929837b40e309
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="$ROOT/collector/src/main/resources/io/hashfence/collector/screening/ip-asn.bin"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
tarball=$(npm pack --silent "@ip-location-db/asn@$VERSION")
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
[ "$actual" = "$INTEGRITY" ] || { echo "integrity mismatch: $actual" >&2; exit 1; }
tar xzf "$tarball" package/asn-ipv4-num.csv package/asn-ipv6-num.csv
python3 "$HERE/convert.py" package/asn-ipv4-num.csv package/asn-ipv6-num.csv ip-asn.bin
echo "$RESULT_SHA256  ip-asn.bin" | sha256sum -c --quiet
cp ip-asn.bin "$TARGET"
echo "installed $TARGET (version $VERSION)"
