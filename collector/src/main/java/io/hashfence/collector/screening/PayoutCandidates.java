package io.hashfence.collector.screening;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The addresses a pool login may pay out to. Pools take the wallet as the user, alone or with a worker
 * name or options around it ({@code ADDRESS.worker}, {@code ADDRESS+diff}, {@code ADDRESS/worker},
 * {@code bitcoincash:ADDRESS.worker}, XMRig's {@code ADDRESS}); the user is cut into whole tokens at every
 * character no address uses, and each token counts only if it is, as a whole, an address of a known
 * format or exactly a listed entry. A listed address inside a longer token is therefore no candidate.
 */
public final class PayoutCandidates {
    private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9]+");

    private PayoutCandidates() {}

    public static Set<ChainAddress> of(String poolUser) {
        return of(poolUser, ChainAddress::parse);
    }

    /** The candidates, each token read as an address by {@code parse} (which may remember what it parsed). */
    static Set<ChainAddress> of(String poolUser, Function<String, Optional<ChainAddress>> parse) {
        Set<ChainAddress> candidates = new LinkedHashSet<>();
        if (poolUser == null) {
            return candidates;
        }
        for (String token : SEPARATORS.split(poolUser)) {
            if (!token.isEmpty()) {
                candidates.add(parse.apply(token).orElseGet(() -> new ChainAddress(AddressFormat.LISTED_TEXT, token)));
            }
        }
        return candidates;
    }
}
