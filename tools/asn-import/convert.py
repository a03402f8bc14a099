#!/usr/bin/env python3
"""Converts ip-location-db's asn-ipv4-num.csv and asn-ipv6-num.csv into the collector's compact IP-to-ASN
table (ip-asn.bin, read by io.hashfence.collector.screening.IpAsnDatabase). Deterministic: the same CSV
files always give the same bytes.

Layout, all integers big-endian:
  8 bytes   magic "HFASN\\0\\0\\1"
  int       n, the number of autonomous systems; then n ints: their numbers, ascending as unsigned
  int       n ints: the end offset of each holder name in the name bytes; int m, then m bytes of UTF-8 names
  int       v4 count; then that many ints: range starts XOR 0x80000000 (so signed order is address order)
  ...       then that many ints: the index of the range's AS, or -1 where no AS announces the range
  int       v6 count; then that many longs: upper 64 bits of range starts XOR sign bit; as many longs: the
            lower 64 bits XOR sign bit; as many ints: the AS index or -1
A range runs from its start to the next start; gaps between the CSV's ranges become -1 ranges.
Usage: convert.py ASN_IPV4_NUM_CSV ASN_IPV6_NUM_CSV OUTPUT
"""
import csv
import struct
import sys


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return sorted((int(r[0]), int(r[1]), int(r[2]), r[3]) for r in csv.reader(f))


def table(rows, bits):
    """Start points with AS numbers (None for gaps); an overlapping range is cut to begin after the last."""
    points = []
    covered_to = -1
    for start, end, asn, _ in rows:
        start = max(start, covered_to + 1)
        if start > end:
            continue
        if start > covered_to + 1:
            points.append((covered_to + 1, None))
        points.append((start, asn))
        covered_to = end
    if covered_to < (1 << bits) - 1:
        points.append((covered_to + 1, None))
    return points


def main(v4_csv, v6_csv, output):
    v4, v6 = read(v4_csv), read(v6_csv)
    names = {}
    for _, _, asn, name in v4 + v6:
        names.setdefault(asn, name)
    asns = sorted(names)
    index = {asn: i for i, asn in enumerate(asns)}
    out = bytearray(b"HFASN\0\0\1")
    out += struct.pack(">i", len(asns))
    out += struct.pack(">%dI" % len(asns), *asns)
    blob = bytearray()
    ends = []
    for asn in asns:
        blob += names[asn].encode("utf-8")
        ends.append(len(blob))
    out += struct.pack(">%di" % len(ends), *ends)
    out += struct.pack(">i", len(blob)) + blob
    p4 = table(v4, 32)
    out += struct.pack(">i", len(p4))
    out += struct.pack(">%dI" % len(p4), *[s ^ 0x80000000 for s, _ in p4])
    out += struct.pack(">%di" % len(p4), *[-1 if a is None else index[a] for _, a in p4])
    p6 = table(v6, 128)
    sign = 1 << 63
    out += struct.pack(">i", len(p6))
    out += struct.pack(">%dQ" % len(p6), *[(s >> 64) ^ sign for s, _ in p6])
    out += struct.pack(">%dQ" % len(p6), *[(s & ((1 << 64) - 1)) ^ sign for s, _ in p6])
    out += struct.pack(">%di" % len(p6), *[-1 if a is None else index[a] for _, a in p6])
    with open(output, "wb") as f:
        f.write(out)
    print("%d autonomous systems, %d IPv4 and %d IPv6 ranges (with gaps), %d bytes"
          % (len(asns), len(p4), len(p6), len(out)))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
