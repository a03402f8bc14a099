package io.hashfence.collector.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A method and a path pattern such as {@code /api/v1/rigs/{site}/{rig}}, bound to an endpoint.
 *
 * @param needsToken whether the request must carry the API's bearer token
 */
public record Route(HttpMethod method, String pattern, Endpoint endpoint, boolean needsToken) {

    public static Route open(HttpMethod method, String pattern, Endpoint endpoint) {
        return new Route(method, pattern, endpoint, false);
    }

    public static Route withToken(HttpMethod method, String pattern, Endpoint endpoint) {
        return new Route(method, pattern, endpoint, true);
    }

    /** The path parameters, when the path has this route's shape. */
    Optional<Map<String, String>> match(String path) {
        String[] expected = pattern.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].startsWith("{") && expected[i].endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(expected[i].substring(1, expected[i].length() - 1), actual[i]);
            } else if (!expected[i].equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }
}
