#!/usr/bin/env node
// Writes the outlines of the disputed areas Hashfence draws by outline (geo/PROVENANCE.md, "Disputed land")
// from Natural Earth's ne_10m_admin_0_disputed_areas.geojson, byte for byte as bundled in
// tools/geo-import/natural-earth-disputed-areas.geojson: the features named below (by BRK_NAME), in source
// order, with the properties listed below, their bbox, and their geometry as the source has it.
// Usage: node extract-disputed-areas.js ne_10m_admin_0_disputed_areas.geojson OUTPUT
'use strict';
const fs = require('fs');

const NAMES = ['South Ossetia', 'Golan Heights'];
const PROPERTIES = [
  'featurecla', 'SOVEREIGNT', 'SOV_A3', 'TYPE', 'ADMIN', 'ADM0_A3', 'BRK_A3', 'BRK_NAME',
  'NOTE_ADM0', 'NOTE_BRK', 'ISO_A2_EH', 'NE_ID', 'WIKIDATAID',
];

const [source, output] = process.argv.slice(2);
if (!source || !output) {
  console.error('usage: extract-disputed-areas.js NE_10M_ADMIN_0_DISPUTED_AREAS_GEOJSON OUTPUT');
  process.exit(2);
}
const collection = JSON.parse(fs.readFileSync(source, 'utf8'));
const features = collection.features.filter((f) => NAMES.includes(f.properties.BRK_NAME));
for (const name of NAMES) {
  const count = features.filter((f) => f.properties.BRK_NAME === name).length;
  if (count !== 1) {
    throw new Error(`expected one feature named ${name}, found ${count}`);
  }
}
const lines = features.map((f) => {
  if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') {
    throw new Error(`${f.properties.BRK_NAME}: not a polygon: ${f.geometry.type}`);
  }
  const properties = {};
  for (const key of PROPERTIES) {
    if (!(key in f.properties)) {
      throw new Error(`${f.properties.BRK_NAME}: no property ${key}`);
    }
    properties[key] = f.properties[key];
  }
  return JSON.stringify({type: 'Feature', properties, bbox: f.bbox, geometry: f.geometry});
});
fs.writeFileSync(
  output,
  '{"type":"FeatureCollection","name":"ne_10m_admin_0_disputed_areas","features":[\n'
    + lines.join(',\n') + '\n]}\n');
