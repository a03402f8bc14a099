package io.hashfence.agent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The trees are those of {@code ObjectMapper.readTree} with its defaults. */
class JsonTreesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void recordedMinerRepliesGiveTheSameTrees() throws IOException {
        List<Path> replies;
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/miners"))) {
            replies = files.filter(Files::isRegularFile).toList();
        }
        assertThat(replies).hasSizeGreaterThan(30);
        for (Path reply : replies) {
            String text = Files.readString(reply).replace("\0", "").replaceAll("}\\s*\\{", "},{");
            if (text.strip().startsWith("STATUS=")) {
                continue;
            }
            assertThat(JsonTrees.read(text)).as(reply.toString()).isEqualTo(MAPPER.readTree(text));
            assertThat(JsonTrees.read(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(MAPPER.readTree(text));
        }
    }

    @Test
    void numbersNestingDuplicatesAndTrailingContent() throws IOException {
        for (String text : List.of(
                "{\"a\":1,\"b\":3000000000,\"c\":123456789012345678901234567890,\"d\":-1.5e3,"
                        + "\"e\":[true,false,null,\"x\",[{}]],\"f\":{\"g\":{\"h\":[]}}}",
                "{\"a\":1,\"a\":2}",
                "[1,2]",
                "\"text\"",
                "42",
                "{\"a\":1} trailing",
                "  ")) {
            JsonNode expected = MAPPER.readTree(text);
            assertThat(JsonTrees.read(text)).as(text).isEqualTo(expected);
            assertThat(JsonTrees.read(text).getClass()).as(text).isEqualTo(expected.getClass());
        }
        assertThat(JsonTrees.read("{\"b\":3000000000}").get("b").isLong()).isTrue();
    }

    @Test
    void malformedJsonIsAProcessingException() {
        for (String text : List.of("{\"a\":", "{\"a\" 1}", "[1,2", "{'a':1}", "{\"a\":NaN}")) {
            assertThatThrownBy(() -> JsonTrees.read(text)).as(text).isInstanceOf(JsonProcessingException.class);
        }
    }
}
