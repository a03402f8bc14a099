package io.hashfence.collector.report;

import io.hashfence.collector.audit.AuditEvent;
import io.hashfence.collector.config.StoreConfig;
import io.hashfence.collector.store.StoreDatabase;
import io.hashfence.collector.store.StoredChains;
import io.hashfence.collector.store.StoredChains.NodeChain;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a report from every collector's event log in the shared store: each node's chain verified, then all their
 * records fed to the report in time order (a node's own records keep their order at equal times). The report's
 * chain head is the fleet head {@code verify} prints, over every node's head.
 */
public final class FleetReportSource {
    private FleetReportSource() {}

    /** A record and the node that wrote it. */
    private record NodeEvent(String node, AuditEvent event) {}

    /**
     * The report over {@code period} from the store {@code config} names.
     *
     * @throws BrokenChainException naming the node and record where a chain breaks
     */
    public static Report read(StoreConfig config, ReportPeriod period, Instant generatedAt) throws IOException {
        List<NodeEvent> events = new ArrayList<>();
        List<NodeChain> chains;
        try (StoreDatabase store = StoreDatabase.open(config)) {
            chains = StoredChains.read(store, (node, event) -> events.add(new NodeEvent(node, event)));
        } catch (SQLException e) {
            throw new IOException(
                    "cannot read the event logs from the shared store " + config.safeUrl() + ": " + e.getMessage(), e);
        }
        for (NodeChain chain : chains) {
            if (!chain.result().intact()) {
                throw new BrokenChainException("node " + chain.node() + "'s event log in the shared store fails "
                        + "verification at record "
                        + chain.result().problem().get().seq() + ": "
                        + chain.result().problem().get().reason()
                        + "; no report is built from a broken log (run 'hashfence-collector verify --config FILE')");
            }
        }
        events.sort(Comparator.comparing((NodeEvent e) -> e.event().time())
                .thenComparing(NodeEvent::node)
                .thenComparingLong(e -> e.event().seq()));
        ReportBuilder builder = new ReportBuilder(period);
        events.forEach(e -> builder.accept(e.event()));
        long records = events.size();
        List<ChainHead.NodeHead> heads = chains.stream()
                .sorted(Comparator.comparing(NodeChain::node))
                .map(chain -> new ChainHead.NodeHead(
                        chain.node(),
                        chain.result().headSeq(),
                        chain.result().headHash(),
                        chain.result().records()))
                .toList();
        return builder.build(new ChainHead(StoredChains.fleetHead(chains), records, records, heads), generatedAt);
    }
}
