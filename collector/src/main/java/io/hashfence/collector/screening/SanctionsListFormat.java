package io.hashfence.collector.screening;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The text file a sanctions list is kept in (the bundled snapshot and what {@code sanctions import}
 * writes): {@code # published: YYYY-MM-DD} and {@code # source: …} header lines, then one entry per line
 * as tab-separated {@code asset address listed_on programmes entity}, where the last three may be empty.
 */
public final class SanctionsListFormat {
    static final String PUBLISHED = "# published: ";
    static final String SOURCE = "# source: ";

    private SanctionsListFormat() {}

    /**
     * @param name the file's name, for error messages
     * @throws IllegalArgumentException naming the line, for a file that breaks the format
     */
    public static SanctionsList parse(String text, String name) {
        LocalDate published = null;
        String source = name;
        List<ListedAddress> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = name + " line " + (i + 1) + ": ";
            if (line.startsWith(PUBLISHED)) {
                published = date(line.substring(PUBLISHED.length()), where);
            } else if (line.startsWith(SOURCE)) {
                source = line.substring(SOURCE.length());
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                String[] fields = lines[i].split("\t", -1);
                if (fields.length != 5 || fields[0].isBlank() || fields[1].isBlank()) {
                    throw new IllegalArgumentException(
                            where + "expected 5 tab-separated fields (asset, address, listed_on, programmes, entity)");
                }
                LocalDate listedOn = fields[2].isBlank() ? null : date(fields[2], where);
                entries.add(new ListedAddress(
                        fields[0].strip(), fields[1].strip(), listedOn, fields[3].strip(), fields[4].strip()));
            }
        }
        if (published == null) {
            throw new IllegalArgumentException(name + ": no \"" + PUBLISHED.strip() + "\" line");
        }
        return SanctionsList.of(source, published, entries);
    }

    public static void write(SanctionsList list, Writer out) throws IOException {
        out.write("# Hashfence sanctions list: OFAC SDN Digital Currency Address features\n");
        out.write(SOURCE + list.source() + "\n");
        out.write(PUBLISHED + list.published() + "\n");
        out.write("# asset\taddress\tlisted_on\tprogrammes\tentity\n");
        for (ListedAddress entry : list.entries()) {
            out.write(String.join(
                            "\t",
                            clean(entry.asset()),
                            clean(entry.address()),
                            entry.listedOn() == null ? "" : entry.listedOn().toString(),
                            clean(entry.programmes()),
                            clean(entry.entity()))
                    + "\n");
        }
    }

    private static String clean(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ").strip();
    }

    private static LocalDate date(String text, String where) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + "\"" + text.strip() + "\" is not a date (YYYY-MM-DD)");
        }
    }
}
