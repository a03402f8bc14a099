package io.hashfence.collector.compliance;

import io.hashfence.protocol.LocationSource;

/**
 * What the evidence rules remember of a rig between messages: its last fix, its settled position (the
 * reference for relocation), and how many consecutive GPS fixes were bit-identical.
 */
record LocationHistory(Fix last, Fix settled, int identicalGpsFixes) {
    static final LocationHistory NONE = new LocationHistory(null, null, 0);

    LocationHistory after(Fix fix, boolean relocated) {
        boolean identical = last != null && fix.source() == LocationSource.GPS && last.source() == LocationSource.GPS
                && fix.bitIdentical(last);
        Fix newSettled = settled == null || relocated ? fix : settled;
        return new LocationHistory(fix, newSettled, identical ? identicalGpsFixes + 1 : 1);
    }
}
