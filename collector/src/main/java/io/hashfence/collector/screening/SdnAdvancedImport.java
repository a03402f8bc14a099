package io.hashfence.collector.screening;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads OFAC's {@code sdn_advanced.xml} (streamed: the real file is over 100 MB) and keeps its Digital
 * Currency Address features: the asset from the feature type ({@code Digital Currency Address - XBT}),
 * the address from the feature's {@code VersionDetail}, and from the party's sanctions entry the date of
 * its {@code Created} entry event and the comments of its {@code Program} measures; the party's primary
 * name; the publication date from {@code DateOfIssue}. DTDs and external entities are refused.
 */
public final class SdnAdvancedImport {
    private static final String FEATURE_PREFIX = "Digital Currency Address - ";

    private final Map<String, String> assetByFeatureType = new HashMap<>();
    private final Map<String, String> sanctionsTypes = new HashMap<>();
    private final Map<String, String> entryEventTypes = new HashMap<>();
    private final Map<String, List<String[]>> addressesByProfile = new LinkedHashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, LocalDate> listedOn = new HashMap<>();
    private final Map<String, TreeSet<String>> programmes = new HashMap<>();
    private final Deque<String> path = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private final int[] issued = new int[3];
    private final int[] entryDate = new int[3];
    private String pendingId;
    private String profile;
    private String featureAsset;
    private String entryProfile;
    private String entryEventType;
    private String measureType;
    private String nameProfile;
    private List<String> nameParts;
    private boolean primaryAlias;

    private SdnAdvancedImport() {}

    /**
     * @param name the file's name, recorded as the list's source and used in errors
     * @throws IllegalArgumentException when the file is not OFAC's advanced XML or has no addresses
     */
    public static SanctionsList read(InputStream in, String name) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        SdnAdvancedImport parse = new SdnAdvancedImport();
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            try {
                parse.run(xml, name);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException(name + ": not well-formed XML: " + e.getMessage());
        }
        return parse.result(name);
    }

    private void run(XMLStreamReader xml, String name) throws XMLStreamException {
        while (xml.hasNext()) {
            switch (xml.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (path.isEmpty() && !"Sanctions".equals(xml.getLocalName())) {
                        throw new IllegalArgumentException(name + ": the root element is <" + xml.getLocalName()
                                + ">, not OFAC's <Sanctions> (download sdn_advanced.xml, the advanced format)");
                    }
                    path.push(xml.getLocalName());
                    text.setLength(0);
                    start(xml);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(xml.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    end(xml.getLocalName(), text.toString().strip());
                    path.pop();
                    text.setLength(0);
                }
                default -> {}
            }
        }
    }

    private void start(XMLStreamReader xml) {
        switch (xml.getLocalName()) {
            case "FeatureType", "SanctionsType", "EntryEventType" -> pendingId = attribute(xml, "ID");
            case "Profile" -> profile = attribute(xml, "ID");
            case "Feature" -> featureAsset = assetByFeatureType.get(attribute(xml, "FeatureTypeID"));
            case "Alias" -> primaryAlias = "true".equals(attribute(xml, "Primary")) && !names.containsKey(profile);
            case "DocumentedName" -> {
                if (primaryAlias) {
                    nameProfile = profile;
                    nameParts = new ArrayList<>();
                }
            }
            case "SanctionsEntry" -> entryProfile = attribute(xml, "ProfileID");
            case "EntryEvent" -> {
                entryEventType = entryEventTypes.get(attribute(xml, "EntryEventTypeID"));
                entryDate[0] = 0;
                entryDate[1] = 1;
                entryDate[2] = 1;
            }
            case "SanctionsMeasure" -> measureType = sanctionsTypes.get(attribute(xml, "SanctionsTypeID"));
            default -> {}
        }
    }

    private void end(String element, String value) {
        String parent = parent();
        switch (element) {
            case "FeatureType" -> {
                if (value.startsWith(FEATURE_PREFIX)) {
                    assetByFeatureType.put(
                            pendingId, value.substring(FEATURE_PREFIX.length()).strip());
                }
            }
            case "SanctionsType" -> sanctionsTypes.put(pendingId, value);
            case "EntryEventType" -> entryEventTypes.put(pendingId, value);
            case "VersionDetail" -> {
                if (featureAsset != null && !value.isEmpty() && profile != null) {
                    addressesByProfile
                            .computeIfAbsent(profile, p -> new ArrayList<>())
                            .add(new String[] {featureAsset, value});
                }
            }
            case "Feature" -> featureAsset = null;
            case "NamePartValue" -> {
                if (nameParts != null) {
                    nameParts.add(value);
                }
            }
            case "DocumentedName" -> {
                if (nameParts != null && !nameParts.isEmpty()) {
                    names.putIfAbsent(nameProfile, String.join(" ", nameParts));
                }
                nameParts = null;
            }
            case "Alias" -> primaryAlias = false;
            case "Profile" -> profile = null;
            case "Year", "Month", "Day" -> date(parent, element, value);
            case "EntryEvent" -> {
                if ("Created".equals(entryEventType) && entryProfile != null && entryDate[0] > 0) {
                    try {
                        LocalDate date = LocalDate.of(entryDate[0], entryDate[1], entryDate[2]);
                        listedOn.merge(entryProfile, date, (a, b) -> a.isBefore(b) ? a : b);
                    } catch (DateTimeException e) {
                        throw new IllegalArgumentException("sanctions entry for profile " + entryProfile
                                + " has an impossible date: " + e.getMessage());
                    }
                }
                entryEventType = null;
            }
            case "Comment" -> {
                if ("SanctionsMeasure".equals(parent)
                        && "Program".equals(measureType)
                        && entryProfile != null
                        && !value.isEmpty()) {
                    programmes
                            .computeIfAbsent(entryProfile, p -> new TreeSet<>())
                            .add(value);
                }
            }
            case "SanctionsMeasure" -> measureType = null;
            case "SanctionsEntry" -> entryProfile = null;
            default -> {}
        }
    }

    private void date(String parent, String element, String value) {
        if (!"DateOfIssue".equals(parent) && !("Date".equals(parent) && path.contains("EntryEvent"))) {
            return;
        }
        int[] target = "DateOfIssue".equals(parent) ? issued : entryDate;
        int index = switch (element) {
            case "Year" -> 0;
            case "Month" -> 1;
            default -> 2;
        };
        try {
            target[index] = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("<" + parent + "><" + element + "> is not a number: \"" + value + "\"");
        }
    }

    private String parent() {
        var elements = path.iterator();
        elements.next();
        return elements.hasNext() ? elements.next() : "";
    }

    private static String attribute(XMLStreamReader xml, String name) {
        return xml.getAttributeValue(null, name);
    }

    private SanctionsList result(String name) {
        if (assetByFeatureType.isEmpty()) {
            throw new IllegalArgumentException(
                    name + ": no \"" + FEATURE_PREFIX + "…\" feature types; " + "is this OFAC's sdn_advanced.xml?");
        }
        if (issued[0] == 0) {
            throw new IllegalArgumentException(name + ": no <DateOfIssue>; is this OFAC's sdn_advanced.xml?");
        }
        List<ListedAddress> entries = new ArrayList<>();
        addressesByProfile.forEach((party, addresses) -> {
            for (String[] address : addresses) {
                entries.add(new ListedAddress(
                        address[0],
                        address[1],
                        listedOn.get(party),
                        String.join(" ", programmes.getOrDefault(party, new TreeSet<>())),
                        names.getOrDefault(party, "")));
            }
        });
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(name + ": no Digital Currency Address features");
        }
        entries.sort(Comparator.comparing(ListedAddress::asset).thenComparing(ListedAddress::address));
        return SanctionsList.of(
                "OFAC sdn_advanced.xml (" + name + ")",
                LocalDate.of(issued[0], Math.max(issued[1], 1), Math.max(issued[2], 1)),
                entries);
    }
}
