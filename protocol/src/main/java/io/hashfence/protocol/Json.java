package io.hashfence.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The JSON settings of the wire: strict, bounded, and NaN-tolerant so that NaN is reported by name. Duplicate
 * keys are refused while the tree is built (a replaced key is the duplicate), which costs nothing, where the
 * parser's own duplicate detection kept a set of names per object.
 */
final class Json {
    /** Writes the wire messages (encoding needs no ObjectMapper, so an agent that only encodes never loads one). */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Limits.MAX_JSON_NESTING)
                    .maxStringLength(64 * 1024)
                    .maxNumberLength(64)
                    .build())
            .build();

    /** Built on first decode: a holder class, so that encoding alone does not pay for it. */
    static final class Reader {
        static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY.copy())
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    private Json() {}

    /** Parses a payload, or rejects it as malformed JSON. */
    static JsonFields parseObject(byte[] payload) {
        try {
            return JsonFields.root(Reader.MAPPER.readTree(payload));
        } catch (JsonProcessingException e) {
            throw new JsonFields.Rejected(Violation.MALFORMED_JSON, "", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new JsonFields.Rejected(Violation.MALFORMED_JSON, "", "unreadable message: " + e.getMessage());
        }
    }
}
