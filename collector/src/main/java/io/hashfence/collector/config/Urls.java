package io.hashfence.collector.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Parses the HTTP(S) URLs of settings, naming the setting when one is not usable. */
public final class Urls {
    private Urls() {}

    public static URI http(String setting, String text) {
        try {
            URI uri = new URI(text.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        setting + " must be an http:// or https:// URL, got \"" + text + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " must be an http:// or https:// URL, got \"" + text + "\"");
        }
    }
}
