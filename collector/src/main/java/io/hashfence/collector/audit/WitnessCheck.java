package io.hashfence.collector.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds an event log against a witness log: every witnessed head must verify against the audit key, and
 * the log must reach the newest witnessed record and agree with every witnessed record it still holds.
 */
public final class WitnessCheck {

    /** What the check found: the newest witnessed head, and the first disagreement, if any. */
    public record Result(Optional<WitnessedHead> newest, int witnessed, Optional<String> problem) {
        public boolean agrees() {
            return problem.isEmpty();
        }
    }

    private final List<WitnessedHead> heads;
    private final Optional<String> unreadable;

    private WitnessCheck(List<WitnessedHead> heads, Optional<String> unreadable) {
        this.heads = heads;
        this.unreadable = unreadable;
    }

    /**
     * Reads {@code witness.log} in the directory, checking each line's signature. An incomplete last line (the
     * witness was cut off mid-write) is left out; any other unreadable or unsigned line is a problem.
     */
    public static WitnessCheck read(Path witnessDir, PublicKey key) throws IOException {
        Path file = witnessDir.resolve(Witness.FILE_NAME);
        if (!Files.exists(file)) {
            throw new IOException("no witness log at " + file);
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = content.split("\n", -1);
        List<WitnessedHead> heads = new ArrayList<>();
        int complete = lines.length - 1; // the text after the last newline is empty, or a torn line
        for (int i = 0; i < complete; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            WitnessedHead head;
            try {
                head = WitnessedHead.fromLine(lines[i]);
            } catch (IllegalArgumentException e) {
                return new WitnessCheck(
                        heads, Optional.of(file + " line " + (i + 1) + " is unreadable: " + e.getMessage()));
            }
            if (!AuditKey.verify(key, head.signedContent(), head.signature())) {
                return new WitnessCheck(
                        heads,
                        Optional.of(file + " line " + (i + 1)
                                + " does not verify against the audit public key (fingerprint "
                                + AuditKey.fingerprint(key)
                                + ")"));
            }
            heads.add(head);
        }
        return new WitnessCheck(List.copyOf(heads), Optional.empty());
    }

    /** The record numbers whose hashes {@link #compare} needs from the log. */
    public Set<Long> witnessedSeqs() {
        return heads.stream().map(WitnessedHead::seq).collect(Collectors.toSet());
    }

    /**
     * Compares with a verified log.
     *
     * @param hashes the hash of each record in {@link #witnessedSeqs()} the log holds
     * @param anchor the compaction checkpoint the log's chain starts from, if any
     */
    public Result compare(ChainVerifier.Result chain, Map<Long, String> hashes, Optional<Checkpoint> anchor) {
        Optional<WitnessedHead> newest = heads.stream().max((a, b) -> Long.compare(a.seq(), b.seq()));
        if (unreadable.isPresent()) {
            return new Result(newest, heads.size(), unreadable);
        }
        Map<Long, String> known = new HashMap<>(hashes);
        anchor.ifPresent(checkpoint -> known.putIfAbsent(checkpoint.throughSeq(), checkpoint.throughHash()));
        for (WitnessedHead head : heads) {
            if (head.seq() > chain.headSeq()) {
                return new Result(newest, heads.size(), Optional.of(missing(chain.headSeq(), newest.get())));
            }
            String hash = head.seq() == 0 ? EventLogLineFormat.GENESIS : known.get(head.seq());
            if (hash != null && !hash.equals(head.hash())) {
                return new Result(
                        newest,
                        heads.size(),
                        Optional.of("record " + head.seq()
                                + " differs from the one witnessed at " + head.time() + " (witnessed hash "
                                + head.hash()
                                + ", log has " + hash + "): the log was rewritten from there on"));
            }
        }
        return new Result(newest, heads.size(), Optional.empty());
    }

    private static String missing(long logHead, WitnessedHead newest) {
        String records = logHead + 1 == newest.seq()
                ? "record " + newest.seq() + " is"
                : "records " + (logHead + 1) + " to " + newest.seq() + " are";
        return "the log ends at record " + logHead + " but record " + newest.seq() + " was witnessed at "
                + newest.time() + ": " + records + " missing";
    }
}
