package io.hashfence.protocol;

import java.util.Optional;

/** An enum with a stable lower-case spelling on the wire. */
public interface WireEnum {
    String wireName();

    static <E extends Enum<E> & WireEnum> Optional<E> fromWire(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
