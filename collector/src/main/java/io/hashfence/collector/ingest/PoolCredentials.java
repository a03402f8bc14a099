package io.hashfence.collector.ingest;

import io.hashfence.protocol.Pool;
import io.hashfence.protocol.Telemetry;
import java.util.List;
import java.util.Locale;

/**
 * Takes pool passwords out of telemetry as it arrives, so that none reaches the registry, metrics
 * ({@code hashfence_rig_info{pool}}), the API, the event log, reports or logs. A pool URL keeps its
 * scheme, account name, host, port and path and loses the password of its user information, its query
 * and its fragment ({@code stratum+tcp://wallet.rig1:S3cret@pool:3333?x=y} becomes
 * {@code stratum+tcp://wallet.rig1@pool:3333}); a pool user keeps the account and worker name and loses
 * what follows a colon ({@code wallet.rig1:S3cret} becomes {@code wallet.rig1}). A payout address stays
 * whole, CashAddr addresses with their {@code bitcoincash:}-style prefix included, and so does the IP address the
 * pool resolved to ({@code pools[].address}), which screening locates.
 */
final class PoolCredentials {
    /** Address prefixes that contain a colon and are not followed by a password. */
    private static final List<String> ADDRESS_PREFIXES =
            List.of("bitcoincash:", "bchtest:", "bchreg:", "ecash:", "ectest:", "ecregtest:");

    private PoolCredentials() {}

    static Telemetry strip(Telemetry telemetry) {
        List<Pool> pools =
                telemetry.pools().stream().map(PoolCredentials::strip).toList();
        if (pools.equals(telemetry.pools())) {
            return telemetry;
        }
        return new Telemetry(
                telemetry.site(),
                telemetry.rig(),
                telemetry.time(),
                telemetry.seq(),
                telemetry.miner(),
                telemetry.hashrate(),
                telemetry.power(),
                telemetry.temperatures(),
                telemetry.fans(),
                pools,
                telemetry.location(),
                telemetry.interval());
    }

    static Pool strip(Pool pool) {
        return new Pool(url(pool.url()), user(pool.user()), pool.active(), pool.address());
    }

    static String url(String url) {
        int schemeEnd = url.indexOf("://");
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int pathStart = indexOfAny(url, authorityStart, "/?#");
        int pathEnd = indexOfAny(url, pathStart, "?#");
        String authority = url.substring(authorityStart, pathStart);
        int at = authority.lastIndexOf('@');
        String account = at < 0 ? "" : user(authority.substring(0, at)) + "@";
        return url.substring(0, authorityStart)
                + account
                + authority.substring(at + 1)
                + url.substring(pathStart, pathEnd);
    }

    static String user(String user) {
        int accountStart = 0;
        String lower = user.toLowerCase(Locale.ROOT);
        for (String prefix : ADDRESS_PREFIXES) {
            if (lower.startsWith(prefix)) {
                accountStart = prefix.length();
                break;
            }
        }
        int colon = user.indexOf(':', accountStart);
        return colon < 0 ? user : user.substring(0, colon);
    }

    /** The index of the first of {@code characters} at or after {@code from}, or the length. */
    private static int indexOfAny(String text, int from, String characters) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
