package io.hashfence.collector.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.collector.metrics.ReloadMetrics;
import io.hashfence.collector.testing.CollectorCli;
import io.hashfence.collector.testing.Samples;
import io.hashfence.testing.Await;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sanctions import sdn_advanced.xml} reads OFAC's advanced format; a running store picks the result up. */
class SanctionsImportTest {
    private static final String SAMPLE = "sdn_advanced-sample.xml";

    @TempDir
    Path dir;

    @Test
    void readsAddressesWithAssetListDateProgrammesAndName() throws Exception {
        SanctionsList list;
        try (InputStream in = getClass().getResourceAsStream(SAMPLE)) {
            list = SdnAdvancedImport.read(in, SAMPLE);
        }
        assertThat(list.published()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(list.entries())
                .containsExactly(
                        new ListedAddress(
                                "ETH",
                                "0x01e2919679362dFBC9ee1644Ba9C6da6D6245BB1",
                                LocalDate.of(2022, 4, 5),
                                "CYBER2 RUSSIA-EO14024",
                                "SAMPLE MIXER"),
                        new ListedAddress(
                                "USDT",
                                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                                LocalDate.of(2022, 4, 5),
                                "CYBER2 RUSSIA-EO14024",
                                "SAMPLE MIXER"),
                        new ListedAddress(
                                "XBT",
                                "123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX",
                                LocalDate.of(2018, 11, 28),
                                "CYBER2",
                                "EXAMPLE Exchanger"),
                        new ListedAddress(
                                "XBT",
                                "bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw",
                                LocalDate.of(2018, 11, 28),
                                "CYBER2",
                                "EXAMPLE Exchanger"),
                        new ListedAddress(
                                "XMR",
                                "49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhHEqpDYKBe5B2ufNsL",
                                LocalDate.of(2022, 4, 5),
                                "CYBER2 RUSSIA-EO14024",
                                "SAMPLE MIXER"));
        assertThat(list.find(PayoutCandidates.of("0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1.rig")))
                .extracting(ListedAddress::entity)
                .containsExactly("SAMPLE MIXER");
    }

    @Test
    void refusesWhatIsNotOfacsAdvancedXmlWithTheReason() {
        assertThatThrownBy(() -> read("<sdnList><sdnEntry/></sdnList>"))
                .hasMessageContaining("the root element is <sdnList>, not OFAC's <Sanctions>");
        assertThatThrownBy(() -> read("<Sanctions><ReferenceValueSets/></Sanctions>"))
                .hasMessageContaining("no \"Digital Currency Address - …\" feature types");
        assertThatThrownBy(() -> read("<Sanctions><oops></Sanctions>")).hasMessageContaining("not well-formed XML");
        assertThatThrownBy(() ->
                        read("<?xml version=\"1.0\"?><!DOCTYPE Sanctions [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                + "<Sanctions>&x;</Sanctions>"))
                .as("no external entities")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCommandWritesTheListIntoTheDataDirectoryAndARunningStoreTakesItAtOnce() throws Exception {
        Path xml = dir.resolve("sdn_advanced.xml");
        try (InputStream in = getClass().getResourceAsStream(SAMPLE)) {
            Files.copy(in, xml);
        }
        Path dataDir = dir.resolve("data");
        AtomicInteger changes = new AtomicInteger();
        ReloadMetrics reloads = ReloadMetrics.sanctions();
        try (SanctionsStore store =
                new SanctionsStore(SanctionsStore.fileIn(dataDir), reloads, changes::incrementAndGet)) {
            assertThat(store.get().size())
                    .as("the bundled snapshot until an import")
                    .isEqualTo(654);

            CollectorCli.Result imported =
                    CollectorCli.run("sanctions", "import", xml.toString(), "--data-dir", dataDir.toString());
            assertThat(imported.exitCode()).isZero();
            assertThat(imported.out())
                    .contains(
                            "Imported 5 addresses over 4 assets",
                            "published 2026-11-28",
                            "5 with a list date",
                            "ETH 1, USDT 1, XBT 2, XMR 1",
                            SanctionsStore.FILE_NAME);

            // The store calls its listener after the new list takes effect: wait for both.
            Await.until(
                    "the store reloads the imported list and tells its listener",
                    () -> store.get().size() == 5 && changes.get() >= 1);
            assertThat(changes.get()).as("told once").isEqualTo(1);
            assertThat(store.get().published()).isEqualTo(LocalDate.of(2026, 11, 28));

            Files.writeString(SanctionsStore.fileIn(dataDir), "# published: 2026-12-01\nXBT\tbroken line\n");
            Await.until(
                    "the broken file is refused",
                    () -> Samples.value(reloads, "hashfence_sanctions_reloads_total", "result", "invalid") == 1);
            assertThat(store.get().size()).isEqualTo(5);
            assertThat(store.get().published())
                    .as("the last good list stays in force")
                    .isEqualTo(LocalDate.of(2026, 11, 28));
            assertThat(store.reload())
                    .as("SIGHUP's reload refuses the broken file too")
                    .isFalse();
            assertThat(Samples.value(reloads, "hashfence_sanctions_reloads_total", "result", "invalid"))
                    .isEqualTo(2);
        }

        CollectorCli.Result missing = CollectorCli.run(
                "sanctions", "import", dir.resolve("nope.xml").toString(), "--data-dir", dataDir.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.xml: no such file");
    }

    private static SanctionsList read(String xml) throws Exception {
        return SdnAdvancedImport.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
    }
}
