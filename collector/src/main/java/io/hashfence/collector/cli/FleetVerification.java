package io.hashfence.collector.cli;

import io.hashfence.collector.config.StoreConfig;
import io.hashfence.collector.store.StoreDatabase;
import io.hashfence.collector.store.StoredChains;
import io.hashfence.collector.store.StoredChains.NodeChain;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code verify}'s fleet part: every collector's chain in the shared store, each named with its verdict, and this
 * collector's chain held against its own {@code events.log}.
 */
final class FleetVerification {
    private final StoreConfig config;
    private final PrintWriter out;

    FleetVerification(StoreConfig config, PrintWriter out) {
        this.config = config;
        this.out = out;
    }

    /**
     * @param localHashes this collector's records by sequence number, from its events.log; null when it has none
     * @return whether every chain is intact and this collector's agrees with its file
     */
    boolean verify(Map<Long, String> localHashes) throws IOException, SQLException {
        String self = config.nodeName();
        Map<Long, String> storedHashes = new HashMap<>();
        List<NodeChain> chains;
        try (StoreDatabase store = StoreDatabase.open(config)) {
            chains = StoredChains.read(store, (node, event) -> {
                if (node.equals(self) && localHashes != null) {
                    storedHashes.put(event.seq(), event.hash());
                }
            });
            out.printf("shared store %s: %d chain(s)%n", store.safeUrl(), chains.size());
        }
        boolean intact = true;
        for (NodeChain chain : chains) {
            intact &= report(chain);
        }
        Optional<NodeChain> own =
                chains.stream().filter(chain -> chain.node().equals(self)).findFirst();
        if (localHashes != null && own.map(chain -> chain.result().intact()).orElse(true)) {
            long storedHead = own.map(chain -> chain.result().headSeq()).orElse(0L);
            intact &= compare(self, localHashes, storedHashes, storedHead);
        } else if (localHashes != null) {
            out.printf(
                    "node %s (this collector): not compared with events.log, its chain in the store is broken%n", self);
        }
        out.printf(
                "%s: %d chain(s), fleet head %s%n",
                intact ? "OK" : "BROKEN", chains.size(), StoredChains.fleetHead(chains));
        return intact;
    }

    private boolean report(NodeChain chain) {
        if (chain.result().intact()) {
            out.printf(
                    "node %s: OK: %d records (%d to %d), chain intact, head %s%n",
                    chain.node(),
                    chain.result().records(),
                    chain.firstSeq(),
                    chain.result().headSeq(),
                    chain.result().headHash());
            return true;
        }
        out.printf(
                "node %s: BROKEN: record %d: %s; %d records before it verify, last good head %s%n",
                chain.node(),
                chain.result().problem().get().seq(),
                chain.result().problem().get().reason(),
                chain.result().records(),
                chain.result().headHash());
        return false;
    }

    private boolean compare(String self, Map<Long, String> local, Map<Long, String> stored, long storedHead) {
        long localHead =
                local.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        for (Map.Entry<Long, String> entry : stored.entrySet()) {
            String mine = local.get(entry.getKey());
            if (mine != null && !mine.equals(entry.getValue())) {
                out.printf(
                        "node %s (this collector): BROKEN: record %d in the store differs from events.log%n",
                        self, entry.getKey());
                return false;
            }
        }
        if (storedHead > localHead) {
            out.printf(
                    "node %s (this collector): BROKEN: the store holds records up to %d, events.log ends at %d%n",
                    self, storedHead, localHead);
            return false;
        }
        long pending = local.keySet().stream().filter(seq -> seq > storedHead).count();
        out.printf(
                "node %s (this collector): the store agrees with events.log through record %d%s%n",
                self, storedHead, pending == 0 ? "" : "; " + pending + " newer record(s) not in the store yet");
        return true;
    }
}
