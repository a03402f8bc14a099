package io.hashfence.protocol;

/** A configured mining pool; {@code active} marks the one receiving shares. */
public record Pool(String url, String user, boolean active) {
}
