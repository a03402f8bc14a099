package io.hashfence.collector.alert;

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

    HttpDelivery(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    void post(URI uri, byte[] json) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body().length() > 200 ? response.body().substring(0, 200) : response.body();
            throw new IOException(uri.getScheme() + "://" + uri.getAuthority() + " answered " + response.statusCode()
                    + ": " + body.strip());
        }
    }
}
