package io.hashfence.collector.http;

import java.util.HashMap;
import java.util.Map;

/**
 * Label values that many rigs share (site, country, miner model, pool), each escaped once per part of a scrape and
 * then copied as bytes: escaping looks at every character, and a fleet has far fewer of these values than rigs.
 */
final class SharedLabelValues {
    private final Map<String, byte[]> escaped = new HashMap<>();

    /** The value escaped for the text format, as UTF-8. */
    byte[] escaped(String value) {
        return escaped.computeIfAbsent(value, SharedLabelValues::escape);
    }

    private static byte[] escape(String value) {
        return new ExpositionText(value.length() + 8).labelValue(value).toByteArray();
    }
}
