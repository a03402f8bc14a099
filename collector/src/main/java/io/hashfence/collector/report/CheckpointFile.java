package io.hashfence.collector.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.audit.AuditFiles;
import io.hashfence.collector.audit.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the latest compaction checkpoint before the log is verified, so that its state can seed a report;
 * {@link ReportSource} then checks it is the very checkpoint {@link AuditFiles#verify} found signed.
 */
final class CheckpointFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointFile() {
    }

    static Optional<Checkpoint> latest(Path dataDir) throws IOException {
        Path file = dataDir.resolve(AuditFiles.CHECKPOINTS);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                JsonNode node = JSON.readTree(lines.get(i));
                return Optional.of(new Checkpoint(node.path("through_seq").asLong(), node.path("through_hash").asText(),
                        Instant.parse(node.path("through_time").asText()), Instant.parse(node.path("created_at").asText()),
                        node.get("state"), node.path("signature").asText()));
            }
        }
        return Optional.empty();
    }
}
