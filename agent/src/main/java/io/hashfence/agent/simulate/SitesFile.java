package io.hashfence.agent.simulate;

import io.hashfence.agent.config.ConfigException;
import io.hashfence.agent.config.SiteCredentials;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code --sites-file} of {@code simulate}: one {@code SITE TOKEN} pair per line; blank lines and {@code #} comments are ignored. */
public final class SitesFile {
    private SitesFile() {
    }

    public static List<SiteCredentials> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("sites file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read sites file " + file + ": " + e.getMessage(), e);
        }
        List<SiteCredentials> sites = new ArrayList<>();
        Set<SiteId> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + " line " + (i + 1);
            String[] fields = line.split("\\s+");
            if (fields.length != 2) {
                throw new ConfigException(where + ": expected SITE TOKEN, found " + fields.length + " fields");
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
            sites.add(new SiteCredentials(site, fields[1]));
        }
        if (sites.isEmpty()) {
            throw new ConfigException("sites file " + file + " lists no sites");
        }
        return List.copyOf(sites);
    }
}
