package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped collector jar screens payouts: a rig whose pool user is an SDN-listed address, published by a
 * foreign MQTT client (mosquitto_pub), raises PayoutToSanctionedAddress; an ordinary address does not; and
 * {@code sanctions import} of an OFAC advanced XML, run as a second process, is taken by the running
 * collector within seconds.
 */
class SanctionedPayoutIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SITE = "payout-lab";
    private static final String SDN_XBT = "bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw";
    private static final String ORDINARY_XBT = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
    /** An EIP-55 example address, listed only in the XML this test imports. */
    private static final String NEWLY_LISTED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @TempDir
    Path workDir;

    @Test
    void aSanctionedPayoutAlertsAndAnImportedListTakesEffectWhileRunning() throws Exception {
        MosquittoPub mosquittoPub = MosquittoPub.require(workDir, "mqttv5");
        Path dataDir = workDir.resolve("data");
        String token = CollectorSites.add(workDir, dataDir, SITE);

        try (JarProcess collector = JarProcess.runCollector(workDir, dataDir)) {
            int mqttPort = collector.mqttPort();
            int httpPort = collector.httpPort();
            assertThat(collector.stderr()).contains("sanctions list: 654 addresses");

            publish(mosquittoPub, mqttPort, token, "sanctioned", SDN_XBT.toUpperCase() + ".worker1");
            publish(mosquittoPub, mqttPort, token, "ordinary", ORDINARY_XBT + ".worker2");
            publish(mosquittoPub, mqttPort, token, "later-listed", NEWLY_LISTED.toLowerCase() + ".worker3");
            Await.until(
                    "the three rigs are known",
                    () -> CollectorApi.every(httpPort, workDir.resolve("data"), "rigs", "")
                                    .size()
                            == 3);

            List<JsonNode> alerts = CollectorApi.every(httpPort, workDir.resolve("data"), "alerts", "");
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).get("alertname").asText()).isEqualTo("PayoutToSanctionedAddress");
            assertThat(alerts.get(0).get("rig").asText()).isEqualTo("sanctioned");
            assertThat(alerts.get(0).get("severity").asText()).isEqualTo("critical");
            assertThat(alerts.get(0).get("evidence").asText())
                    .as("the bech32 address in canonical lower case")
                    .contains(SDN_XBT, "XBT");

            Path xml = workDir.resolve("sdn_advanced.xml");
            Files.writeString(xml, sdnAdvanced());
            JarProcess importer = JarProcess.start(
                    JarProcess.collectorJar(),
                    workDir,
                    Map.of(),
                    "sanctions",
                    "import",
                    xml.toString(),
                    "--data-dir",
                    dataDir.toString());
            assertThat(importer.waitFor()).as(importer.stderr()).isZero();
            assertThat(importer.stdout()).contains("Imported 2 addresses over 2 assets", "published 2026-11-28");

            Await.until(
                    "the running collector re-screens with the imported list",
                    () -> get(httpPort, "/api/v1/alerts").toString().contains("later-listed"));
            JsonNode rig = get(httpPort, "/api/v1/rigs/" + SITE + "/later-listed");
            assertThat(rig.at("/screening/findings/0/evidence").asText())
                    .contains(NEWLY_LISTED, "USDT", "listed 2025-03-14", "CYBER2", "TEST PARTY");
            assertThat(collector.stderr()).contains("sanctions list reloaded: 2 addresses");
        }
    }

    private static void publish(MosquittoPub mosquittoPub, int port, String token, String rig, String poolUser)
            throws Exception {
        ObjectNode message = S19Telemetry.at(SITE, rig, Instant.now());
        message.putArray("pools")
                .addObject()
                .put("url", "stratum+tcp://solo.example.com:3333")
                .put("user", poolUser)
                .put("active", true);
        message.putObject("location").put("lat", 30.6557).put("lon", -97.0017).put("source", "static");
        mosquittoPub.publish(port, SITE, token, rig, message.toString());
    }

    /** An API read with the bearer token the collector created in its data directory. */
    private JsonNode get(int port, String path) throws Exception {
        String token =
                Files.readString(workDir.resolve("data").resolve("api-token")).strip();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A minimal sdn_advanced.xml in OFAC's format: one party, an XBT and a USDT address, a Created date. */
    private static String sdnAdvanced() {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
                  <DateOfIssue><Year>2026</Year><Month>11</Month><Day>28</Day></DateOfIssue>
                  <ReferenceValueSets>
                    <EntryEventTypeValues><EntryEventType ID="1">Created</EntryEventType></EntryEventTypeValues>
                    <FeatureTypeValues>
                      <FeatureType ID="344" FeatureTypeGroupID="24">Digital Currency Address - XBT</FeatureType>
                      <FeatureType ID="887" FeatureTypeGroupID="24">Digital Currency Address - USDT</FeatureType>
                    </FeatureTypeValues>
                    <SanctionsTypeValues><SanctionsType ID="1">Program</SanctionsType></SanctionsTypeValues>
                  </ReferenceValueSets>
                  <DistinctParties>
                    <DistinctParty FixedRef="70001">
                      <Profile ID="70001" PartySubTypeID="4">
                        <Identity ID="70002" FixedRef="70001" Primary="true" False="false">
                          <Alias FixedRef="70001" AliasTypeID="1403" Primary="true" LowQuality="false">
                            <DocumentedName ID="70003" FixedRef="70001" DocNameStatusID="1">
                              <DocumentedNamePart><NamePartValue NamePartGroupID="1">TEST PARTY</NamePartValue></DocumentedNamePart>
                            </DocumentedName>
                          </Alias>
                        </Identity>
                        <Feature ID="70004" FeatureTypeID="344">
                          <FeatureVersion ID="70005" ReliabilityID="1">
                            <VersionDetail DetailTypeID="1432">%s</VersionDetail>
                          </FeatureVersion>
                        </Feature>
                        <Feature ID="70006" FeatureTypeID="887">
                          <FeatureVersion ID="70007" ReliabilityID="1">
                            <VersionDetail DetailTypeID="1432">%s</VersionDetail>
                          </FeatureVersion>
                        </Feature>
                      </Profile>
                    </DistinctParty>
                  </DistinctParties>
                  <SanctionsEntries>
                    <SanctionsEntry ID="70001" ProfileID="70001" ListID="1550">
                      <EntryEvent ID="70008" EntryEventTypeID="1" LegalBasisID="1">
                        <Date CalendarTypeID="1"><Year>2025</Year><Month>3</Month><Day>14</Day></Date>
                      </EntryEvent>
                      <SanctionsMeasure ID="70009" SanctionsTypeID="1"><Comment>CYBER2</Comment></SanctionsMeasure>
                    </SanctionsEntry>
                  </SanctionsEntries>
                </Sanctions>
                """.formatted(SDN_XBT, NEWLY_LISTED);
    }
}
