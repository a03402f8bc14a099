package io.hashfence.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.agent.config.ConfigException;
import io.hashfence.agent.config.SiteCredentials;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitesFileTest {
    @TempDir
    Path dir;

    @Test
    void readsSiteTokenPairsSkippingCommentsAndBlankLines() throws Exception {
        List<SiteCredentials> sites = SitesFile.read(write("# sites\nsite-1 tok1\n\n  site-2\ttok2  \n")).stream()
                .map(SimulatedSite::credentials)
                .toList();

        assertThat(sites).extracting(site -> site.site().value()).containsExactly("site-1", "site-2");
        assertThat(sites).extracting(SiteCredentials::token).containsExactly("tok1", "tok2");
    }

    @Test
    void readsWhereASiteClaimsToBeWhereItConnectsFromAndWhereItsFirstRigTeleportsFrom() throws Exception {
        List<SimulatedSite> sites = SitesFile.read(write("""
                singapore-holding tok1 area=singapore proxy-from=77.88.8.8
                texas-02 tok2 area=rockdale teleport-from=irkutsk
                plain-01 tok3
                """));
        assertThat(sites.get(0).area()).isEqualTo(MiningArea.SINGAPORE_SG);
        assertThat(sites.get(0).proxyFrom()).isEqualTo(InetAddress.getByName("77.88.8.8"));
        assertThat(sites.get(0).teleportFrom()).isNull();
        assertThat(sites.get(1).area()).isEqualTo(MiningArea.ROCKDALE_TX);
        assertThat(sites.get(1).teleportFrom()).isEqualTo(MiningArea.IRKUTSK_RU);
        assertThat(sites.get(2)).isEqualTo(SimulatedSite.plain(sites.get(2).credentials()));

        assertThatThrownBy(() -> SitesFile.read(write("s tok area=atlantis\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 1: area=atlantis is not a mining area; known: rockdale,");
        assertThatThrownBy(() -> SitesFile.read(write("s tok proxy-from=collector.example\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("proxy-from=collector.example is not an IP address");
        SimulatedSite screened = SitesFile.read(
                        write("texas-01 tok payout-to=123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX pool-at=77.88.8.8\n"))
                .get(0);
        assertThat(screened.payoutTo()).isEqualTo("123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX");
        assertThat(screened.poolAt()).isEqualTo(InetAddress.getByName("77.88.8.8"));
        assertThatThrownBy(() -> SitesFile.read(write("s tok pool-at=pool.example.ru\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pool-at=pool.example.ru is not an IP address");
        assertThatThrownBy(() -> SitesFile.read(write("s tok payout-to=abc.def\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("payout-to=abc.def is not a wallet address");
        assertThatThrownBy(() -> SitesFile.read(write("s tok colour=red\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting \"colour\"");
    }

    @Test
    void namesTheLineOfAMistake() throws Exception {
        assertThatThrownBy(() -> SitesFile.read(write("site-1 tok1\nsite-2\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("SITE TOKEN");
        assertThatThrownBy(() -> SitesFile.read(write("site-1 a\nsite-1 b\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> SitesFile.read(write("site/1 a\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> SitesFile.read(write("# nothing\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no sites");
    }

    private Path write(String text) throws Exception {
        Path file = Files.createTempFile(dir, "sites", ".txt");
        Files.writeString(file, text);
        return file;
    }
}
