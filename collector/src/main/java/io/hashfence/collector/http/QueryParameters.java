package io.hashfence.collector.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A list request's query string, read strictly: a parameter the endpoint does not take, or one given more
 * than once, is refused rather than ignored, so that a misspelt filter never silently answers everything.
 */
final class QueryParameters {
    private final Map<String, List<String>> query;

    private QueryParameters(Map<String, List<String>> query) {
        this.query = query;
    }

    /** @param known every parameter the endpoint takes */
    static QueryParameters of(Request request, List<String> known) throws BadParameter {
        for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
            if (!known.contains(parameter.getKey())) {
                throw new BadParameter(
                        parameter.getKey(),
                        "is not a parameter of " + request.path() + "; it takes " + String.join(", ", known));
            }
            if (parameter.getValue().size() > 1) {
                throw new BadParameter(
                        parameter.getKey(), "is given " + parameter.getValue().size() + " times; give it once");
            }
        }
        return new QueryParameters(request.query());
    }

    Optional<String> get(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
