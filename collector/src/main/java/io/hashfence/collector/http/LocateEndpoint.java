package io.hashfence.collector.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.compliance.Locator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;

/** {@code GET /api/v1/locate?lat=&lon=}: where a coordinate is in ISO terms, and what the policy says of it. */
public final class LocateEndpoint implements Endpoint {
    private final Locator locator;

    public LocateEndpoint(Locator locator) {
        this.locator = locator;
    }

    @Override
    public Response handle(Request request) {
        Optional<String> lat = request.queryParameter("lat");
        Optional<String> lon = request.queryParameter("lon");
        if (lat.isEmpty() || lon.isEmpty()) {
            return Response.error(
                    HttpResponseStatus.BAD_REQUEST, "lat and lon are required, e.g. ?lat=52.29&lon=104.29");
        }
        try {
            ObjectNode answer = locator.locate(parse("lat", lat.get()), parse("lon", lon.get()));
            return Response.ok(answer);
        } catch (IllegalArgumentException e) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static double parse(String name, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number in degrees, got \"" + text + "\"");
        }
    }
}
