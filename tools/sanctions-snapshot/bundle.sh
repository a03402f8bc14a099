#!/usr/bin/env bash
# Builds the collector's bundled sanctions list from the snapshot of OFAC's Digital Currency Address
# features (0xB10C/ofac-sanctioned-digital-currency-addresses, branch `lists` at commit f2aee22, lists
# generated 2024-09-27; one sanctioned_addresses_ASSET.txt per asset). Every input is checked against
# its sha256 below; the output is byte-for-byte reproducible. Usage: bundle.sh SNAPSHOT_DIR
# A current list with dates and programmes comes from `hashfence-collector sanctions import sdn_advanced.xml`.
set -euo pipefail
SNAPSHOT="${1:?usage: bundle.sh SNAPSHOT_DIR (the sanctioned_addresses_*.txt files)}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TARGET="$ROOT/collector/src/main/resources/io/hashfence/collector/screening/sdn-digital-currency-addresses.tsv"
cd "$SNAPSHOT"
sha256sum -c --quiet <<'SUMS'
b52296adc8fabdcf907f581c90e65848e087cf33bb2b8cd2864ab77cda67f630  sanctioned_addresses_ARB.txt
eabf084a82ae515b5ef7f9ae5d2c3d08f8152ed53419e992ff412398d8174ef6  sanctioned_addresses_BCH.txt
b52296adc8fabdcf907f581c90e65848e087cf33bb2b8cd2864ab77cda67f630  sanctioned_addresses_BSC.txt
0647a257b7a57aa5ac1b502cd453e59c76cf7328ec8a5f94da5620e19cb7d86f  sanctioned_addresses_BSV.txt
8593e3a95714ce47de258966c0de4d8d1835e7e022afa2b3a3df2b1eb5f5594b  sanctioned_addresses_BTG.txt
5eb1c8449036dfcabf39a416bdcb4175fe3189bbd8469288c66c7a278152bbeb  sanctioned_addresses_DASH.txt
45c64cc6062e563f4437706fd7f0240dfebf57baee87f2861f545e080f238bdb  sanctioned_addresses_ETC.txt
9bb46e582a3c8bc625555925c58069278ca98916b51c5532aebf502149517ce7  sanctioned_addresses_ETH.txt
67c9938a98e4ea72ca40ef7122ff276747202c465da04028f64ddfd1443ac393  sanctioned_addresses_LTC.txt
dfcaf23adaa2fd62a57ae47bab54c5ab23eb6f3dd99a953d5080e9b4fba15407  sanctioned_addresses_TRX.txt
d7d534f0fca3e3685b1b84ae1eaeb81935d9bd181b9d73d5685f628705a64fd4  sanctioned_addresses_USDC.txt
ec9e1fdf2a9f6ddec2cb114f5977c2d17db1bb99e8759ac222c00ef8d60078c4  sanctioned_addresses_USDT.txt
5e5f9cac30799b97bb966798205958c1cfbf2408d7670bbe74f24f4d5b8161be  sanctioned_addresses_XBT.txt
7490c8afe4838715385e7a419df87b052d7f2d27b31121c2fcb03f208db733f5  sanctioned_addresses_XMR.txt
d32bde5b33c3513a2602c90555c0aaae276df7639600220011b037793025de5d  sanctioned_addresses_XRP.txt
70d694b5181f8530319304667ab4b93ef31b0377dbe520c275014aa28f149134  sanctioned_addresses_XVG.txt
472edce9c82acb1779dab010747eb41a6eec9a6668aa17e8217297b077fd42ac  sanctioned_addresses_ZEC.txt
SUMS
{
  printf '# Hashfence sanctions list: OFAC SDN Digital Currency Address features\n'
  printf '# source: OFAC SDN snapshot via 0xB10C/ofac-sanctioned-digital-currency-addresses lists@f2aee22 (no list dates or programmes)\n'
  printf '# published: 2024-09-27\n'
  printf '# asset\taddress\tlisted_on\tprogrammes\tentity\n'
  for list in sanctioned_addresses_*.txt; do
    asset=${list#sanctioned_addresses_}
    asset=${asset%.txt}
    LC_ALL=C sort -u "$list" | awk -v asset="$asset" 'NF { printf "%s\t%s\t\t\t\n", asset, $1 }'
  done
} > "$TARGET"
echo "wrote $TARGET: $(grep -vc '^#' "$TARGET") addresses, sha256 $(sha256sum "$TARGET" | cut -d' ' -f1)"
