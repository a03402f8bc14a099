package io.hashfence.collector.compliance;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The country an IP address is registered in, from the bundled CC0 geo-whois-asn-country database
 * (provenance in collector/IPDB-PROVENANCE.md), read with MaxMind's reader.
 */
public final class IpCountryDatabase {
    static final String BUNDLED_RESOURCE = "geo-whois-asn-country.mmdb";

    private final Reader reader;

    /** One MMDB record of this database. */
    public record CountryRecord(String countryCode) {
        @MaxMindDbConstructor
        public CountryRecord(@MaxMindDbParameter(name = "country_code") String countryCode) {
            this.countryCode = countryCode;
        }
    }

    private IpCountryDatabase(Reader reader) {
        this.reader = reader;
    }

    public static IpCountryDatabase loadBundled() {
        try (InputStream in = IpCountryDatabase.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("IP database missing from the collector jar: " + BUNDLED_RESOURCE);
            }
            return new IpCountryDatabase(new Reader(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled IP database", e);
        }
    }

    public Optional<String> country(InetAddress address) {
        try {
            CountryRecord record = reader.get(address, CountryRecord.class);
            return record == null || record.countryCode() == null
                    ? Optional.empty()
                    : Optional.of(record.countryCode());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Loopback, private, link-local and other addresses that say nothing about where a rig is. */
    public static boolean isPublic(InetAddress address) {
        return !(address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()
                || isUniqueLocalV6(address)
                || isCarrierGradeNat(address));
    }

    private static boolean isUniqueLocalV6(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }

    private static boolean isCarrierGradeNat(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }
}
