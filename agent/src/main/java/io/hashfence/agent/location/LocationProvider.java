package io.hashfence.agent.location;

import io.hashfence.protocol.Location;
import java.util.Optional;

/** Where the site's rigs are: a declared position or a GPS receiver. */
public interface LocationProvider extends AutoCloseable {

    /** The position to report now, or empty when none is known (no fix yet, or the last one is too old). */
    Optional<Location> current();

    /** A one-line account of the source's state, for {@code check} and logs. */
    String describe();

    @Override
    default void close() {}
}
