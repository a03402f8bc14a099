package io.hashfence.collector.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sanctioned digital currency addresses in force, indexed by their canonical form so that a lookup is
 * one exact comparison as the address's chain defines it.
 *
 * @param source where the list came from (the bundled snapshot or an imported file)
 * @param published the date of the OFAC publication it was built from
 */
public record SanctionsList(
        String source, LocalDate published, List<ListedAddress> entries, Map<ChainAddress, List<ListedAddress>> index) {

    public SanctionsList {
        entries = List.copyOf(entries);
        index = Map.copyOf(index);
    }

    public static SanctionsList of(String source, LocalDate published, List<ListedAddress> entries) {
        Map<ChainAddress, List<ListedAddress>> index = new HashMap<>();
        for (ListedAddress entry : entries) {
            index.computeIfAbsent(ChainAddress.listed(entry.address()), key -> new ArrayList<>())
                    .add(entry);
        }
        index.replaceAll((key, value) -> List.copyOf(value));
        return new SanctionsList(source, published, entries, index);
    }

    /** The entries that list one of these candidates, in candidate order. */
    public List<ListedAddress> find(Set<ChainAddress> candidates) {
        List<ListedAddress> hits = new ArrayList<>();
        for (ChainAddress candidate : candidates) {
            hits.addAll(index.getOrDefault(candidate, List.of()));
        }
        return hits;
    }

    public int size() {
        return entries.size();
    }
}
