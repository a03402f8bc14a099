package io.hashfence.collector.screening;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The autonomous system that announces an IP address, from the bundled CC BY 4.0 IP-to-ASN table
 * (RouteViews, DB-IP and NRO data via ip-location-db; provenance in collector/ASN-PROVENANCE.md, layout in
 * tools/asn-import/convert.py). Ranges are held as sorted start points, each naming an AS or none, in
 * primitive arrays searched by bisection.
 */
public final class IpAsnDatabase {
    static final String BUNDLED_RESOURCE = "ip-asn.bin";
    private static final byte[] MAGIC = {'H', 'F', 'A', 'S', 'N', 0, 0, 1};
    private static final int NONE = -1;

    private final int[] asns;
    private final int[] nameEnds;
    private final byte[] names;
    private final int[] v4Starts;
    private final int[] v4As;
    private final long[] v6StartsHigh;
    private final long[] v6StartsLow;
    private final int[] v6As;

    private IpAsnDatabase(ByteBuffer in) {
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IllegalStateException("not a Hashfence IP-to-ASN table (see tools/asn-import)");
        }
        asns = ints(in, in.getInt());
        nameEnds = ints(in, asns.length);
        names = new byte[in.getInt()];
        in.get(names);
        int v4 = in.getInt();
        v4Starts = ints(in, v4);
        v4As = ints(in, v4);
        int v6 = in.getInt();
        v6StartsHigh = longs(in, v6);
        v6StartsLow = longs(in, v6);
        v6As = ints(in, v6);
        if (in.hasRemaining()) {
            throw new IllegalStateException("the IP-to-ASN table has " + in.remaining() + " bytes past its end");
        }
    }

    public static IpAsnDatabase loadBundled() {
        try (InputStream in = IpAsnDatabase.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("IP-to-ASN table missing from the collector jar: " + BUNDLED_RESOURCE);
            }
            return new IpAsnDatabase(ByteBuffer.wrap(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled IP-to-ASN table", e);
        }
    }

    public Optional<AnnouncingAs> announcing(InetAddress address) {
        byte[] bytes = address.getAddress();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int index;
        if (bytes.length == 4) {
            int key = buffer.getInt() ^ Integer.MIN_VALUE;
            int at = Arrays.binarySearch(v4Starts, key);
            int range = at >= 0 ? at : -at - 2;
            index = range < 0 ? NONE : v4As[range];
        } else {
            long high = buffer.getLong() ^ Long.MIN_VALUE;
            long low = buffer.getLong() ^ Long.MIN_VALUE;
            int range = lastV6StartAtOrBefore(high, low);
            index = range < 0 ? NONE : v6As[range];
        }
        if (index == NONE) {
            return Optional.empty();
        }
        int from = index == 0 ? 0 : nameEnds[index - 1];
        String holder = new String(names, from, nameEnds[index] - from, StandardCharsets.UTF_8);
        return Optional.of(new AnnouncingAs(new Asn(Integer.toUnsignedLong(asns[index])), holder));
    }

    /** The number of address ranges held, IPv4 and IPv6, counting the unannounced gaps between them. */
    public int ranges() {
        return v4Starts.length + v6StartsHigh.length;
    }

    private int lastV6StartAtOrBefore(long high, long low) {
        int lo = 0;
        int hi = v6StartsHigh.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int order = v6StartsHigh[mid] != high
                    ? Long.compare(v6StartsHigh[mid], high)
                    : Long.compare(v6StartsLow[mid], low);
            if (order <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private static int[] ints(ByteBuffer in, int count) {
        int[] values = new int[count];
        in.asIntBuffer().get(values);
        in.position(in.position() + count * Integer.BYTES);
        return values;
    }

    private static long[] longs(ByteBuffer in, int count) {
        long[] values = new long[count];
        in.asLongBuffer().get(values);
        in.position(in.position() + count * Long.BYTES);
        return values;
    }
}
