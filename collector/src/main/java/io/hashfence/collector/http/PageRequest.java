package io.hashfence.collector.http;

import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Which page of a list a request asks for: at most {@code limit} items (default 500, 1 to 5,000), after the
 * position its {@code next} cursor carries, under its filters.
 *
 * @param list the list, such as {@code rigs}
 * @param filters the filters the request gave, as {@code name=value} pairs sorted by name and joined by
 *                {@code &}: a cursor carries them, and is refused with other filters
 * @param after the position the previous page ended at, empty for the first page
 */
record PageRequest(String list, String filters, int limit, Optional<String> after) {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5_000;

    /** @param filters the filters given, by name, with their values as checked */
    static PageRequest read(QueryParameters query, String list, SortedMap<String, String> filters) throws BadParameter {
        String canonical = filters.entrySet().stream()
                .map(filter -> filter.getKey() + "=" + filter.getValue())
                .collect(Collectors.joining("&"));
        Optional<String> next = query.get("next");
        Optional<String> after = next.isEmpty()
                ? Optional.empty()
                : Optional.of(Cursor.decode(next.get(), list, canonical).position());
        return new PageRequest(list, canonical, limit(query.get("limit")), after);
    }

    private static int limit(Optional<String> given) throws BadParameter {
        if (given.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String text = given.get();
        if (!text.isEmpty() && text.length() <= 4 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        throw new BadParameter(
                "limit",
                "must be a whole number from 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + "), got "
                        + BadParameter.shown(text));
    }

    /** The {@code next} cursor of an answer whose last item is at {@code position}. */
    String nextAfter(String position) {
        return new Cursor(list, filters, position).encode();
    }
}
