package io.hashfence.agent.simulate;

import io.hashfence.agent.config.ConfigException;
import io.hashfence.agent.config.SiteCredentials;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code --sites-file} of {@code simulate}: one {@code SITE TOKEN} pair per line, optionally followed by
 * {@code area=SLUG} (the site's rigs stand in that mining area), {@code proxy-from=ADDRESS} (the site connects
 * as if behind a load balancer, with a PROXY protocol v2 header naming ADDRESS), {@code teleport-from=SLUG}
 * (the site's first rig claims that area in its first reading), {@code payout-to=ADDRESS} (one rig, picked by
 * the seed, pays out to that wallet address) and {@code pool-at=ADDRESS} (another rig's active pool is at that
 * IP address). Blank lines and {@code #} comments are ignored.
 */
public final class SitesFile {
    private SitesFile() {}

    public static List<SimulatedSite> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("sites file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read sites file " + file + ": " + e.getMessage(), e);
        }
        List<SimulatedSite> sites = new ArrayList<>();
        Set<SiteId> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + " line " + (i + 1);
            String[] fields = line.split("\\s+");
            if (fields.length < 2) {
                throw new ConfigException(where + ": expected SITE TOKEN [area=SLUG] [proxy-from=ADDRESS]"
                        + " [teleport-from=SLUG] [payout-to=ADDRESS] [pool-at=ADDRESS], found " + fields.length
                        + " field");
            }
            SiteId site;
            try {
                site = SiteId.of(fields[0]);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ": " + e.getMessage(), e);
            }
            if (!seen.add(site)) {
                throw new ConfigException(where + ": site " + site + " is listed twice");
            }
            sites.add(site(new SiteCredentials(site, fields[1]), fields, where));
        }
        if (sites.isEmpty()) {
            throw new ConfigException("sites file " + file + " lists no sites");
        }
        return List.copyOf(sites);
    }

    private static SimulatedSite site(SiteCredentials credentials, String[] fields, String where) {
        MiningArea area = null;
        InetAddress proxyFrom = null;
        MiningArea teleportFrom = null;
        String payoutTo = null;
        InetAddress poolAt = null;
        for (int i = 2; i < fields.length; i++) {
            String field = fields[i];
            int equals = field.indexOf('=');
            String key = equals < 0 ? field : field.substring(0, equals);
            String value = equals < 0 ? "" : field.substring(equals + 1);
            switch (key) {
                case "area" -> area = area(value, where, key);
                case "teleport-from" -> teleportFrom = area(value, where, key);
                case "proxy-from" -> proxyFrom = address(value, where, key);
                case "pool-at" -> poolAt = address(value, where, key);
                case "payout-to" -> payoutTo = wallet(value, where);
                default ->
                    throw new ConfigException(where + ": unknown setting \"" + key
                            + "\"; expected area=SLUG, proxy-from=ADDRESS, teleport-from=SLUG, payout-to=ADDRESS"
                            + " or pool-at=ADDRESS");
            }
        }
        return new SimulatedSite(credentials, area, proxyFrom, teleportFrom, payoutTo, poolAt);
    }

    private static MiningArea area(String slug, String where, String key) {
        return MiningArea.bySlug(slug)
                .orElseThrow(() -> new ConfigException(where + ": " + key + "=" + slug
                        + " is not a mining area; known: "
                        + Arrays.stream(MiningArea.values())
                                .map(MiningArea::slug)
                                .collect(Collectors.joining(", "))));
    }

    /** A wallet address as a pool user takes it: letters and digits only (a worker name is added to it). */
    private static String wallet(String text, String where) {
        if (!text.matches("[0-9A-Za-z]{20,120}")) {
            throw new ConfigException(where + ": payout-to=" + text + " is not a wallet address (letters and digits)");
        }
        return text;
    }

    /** A literal IPv4 or IPv6 address; never a name to look up. */
    private static InetAddress address(String text, String where, String key) {
        boolean literal = text.matches("[0-9.]+") || (text.contains(":") && text.matches("[0-9A-Fa-f:.]+"));
        try {
            if (literal) {
                return InetAddress.getByName(text);
            }
        } catch (UnknownHostException e) {
            // refused below with the same message
        }
        throw new ConfigException(where + ": " + key + "=" + text + " is not an IP address");
    }
}
