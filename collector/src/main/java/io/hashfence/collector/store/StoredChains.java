package io.hashfence.collector.store;

import io.hashfence.collector.audit.AuditEvent;
import io.hashfence.collector.audit.ChainCheck;
import io.hashfence.collector.audit.ChainRecord;
import io.hashfence.collector.audit.ChainVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads every collector's event log from the shared store and verifies each chain as {@code events.log} is
 * verified: every record's hash, its link to the one before, and no gap in the sequence numbers, from record 1
 * (the genesis) on.
 */
public final class StoredChains {
    private static final int FETCH_SIZE = 2_000;

    /** One node's chain as the store holds it: its verdict, first record and head. */
    public record NodeChain(String node, long firstSeq, ChainVerifier.Result result) {}

    private StoredChains() {}

    /**
     * Verifies every node's chain, oldest record first, handing each intact record to {@code each} with its node.
     * A chain stops at its first bad record; the others are read on.
     */
    public static List<NodeChain> read(StoreDatabase store, BiConsumer<String, AuditEvent> each) throws SQLException {
        List<NodeChain> chains = new ArrayList<>();
        try (Connection connection = store.connection()) {
            // a cursor: the rows come FETCH_SIZE at a time, not all at once
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT node, seq, time, hash, record FROM event_record ORDER BY node, seq")) {
                select.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = select.executeQuery()) {
                    String node = null;
                    long firstSeq = 0;
                    ChainCheck check = null;
                    while (rows.next()) {
                        ChainRecord record = new ChainRecord(
                                rows.getLong(2),
                                rows.getTimestamp(3).toInstant(),
                                rows.getString(4),
                                rows.getString(5));
                        String rowNode = rows.getString(1);
                        if (!rowNode.equals(node)) {
                            if (node != null) {
                                chains.add(new NodeChain(node, firstSeq, check.result()));
                            }
                            node = rowNode;
                            firstSeq = record.seq();
                            check = ChainCheck.fromGenesis();
                        }
                        String current = node;
                        check.next(record).ifPresent(event -> each.accept(current, event));
                    }
                    if (node != null) {
                        chains.add(new NodeChain(node, firstSeq, check.result()));
                    }
                }
            } finally {
                connection.rollback();
            }
        }
        return chains;
    }

    /**
     * One hash over the whole fleet's heads, to quote in a report and compare with {@code verify}: the SHA-256 of
     * the lines {@code NODE SEQ HASH\n}, one per node in the order of their names.
     */
    public static String fleetHead(List<NodeChain> chains) {
        StringBuilder heads = new StringBuilder();
        chains.stream()
                .sorted((a, b) -> a.node().compareTo(b.node()))
                .forEach(chain -> heads.append(chain.node())
                        .append(' ')
                        .append(chain.result().headSeq())
                        .append(' ')
                        .append(chain.result().headHash())
                        .append('\n'));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(heads.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
