package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hashfence.collector.json.CollectorJson;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseTest {
    final CollectorJson json = new CollectorJson();

    @Test
    void anErrorNamesWhatWasWrongThenTheStatusAlwaysInThatOrder() {
        Response response = Response.error(HttpResponseStatus.NOT_FOUND, "no rig norway-01/none");
        assertThat(response.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(response.contentType()).isEqualTo(Response.JSON);
        assertThat(text(response)).isEqualTo("{\"error\":\"no rig norway-01/none\",\"status\":404}");
    }

    @Test
    void aJsonValueIsWrittenCompactWithItsFieldsInTheOrderTheyWerePut() {
        Response response = Response.ok(
                JsonNodeFactory.instance.objectNode().put("status", "ok").put("rigs", 3));
        assertThat(text(response)).isEqualTo("{\"status\":\"ok\",\"rigs\":3}");
    }

    @Test
    void readyBytesAreSentAsTheyAre() {
        Response response = Response.text("text/plain; version=0.0.4", "hashfence_up 1\n");
        assertThat(response.contentType()).isEqualTo("text/plain; version=0.0.4");
        assertThat(text(response)).isEqualTo("hashfence_up 1\n");
    }

    private String text(Response response) {
        return new String(response.bytes(json), StandardCharsets.UTF_8);
    }
}
