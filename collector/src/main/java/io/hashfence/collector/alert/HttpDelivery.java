package io.hashfence.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.collector.json.CollectorJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs JSON and insists on a 2xx answer within the timeout. */
final class HttpDelivery {
    private final HttpClient client;
    private final Duration timeout;
    private final CollectorJson json;

    HttpDelivery(Duration timeout, CollectorJson json) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.json = json;
    }

    void post(URI uri, JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.bytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String answer = response.body().length() > 200 ? response.body().substring(0, 200) : response.body();
            throw new IOException(uri.getScheme() + "://" + uri.getAuthority() + " answered " + response.statusCode()
                    + ": " + answer.strip());
        }
    }
}
