package io.hashfence.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.agent.config.ConfigException;
import io.hashfence.agent.config.SiteCredentials;
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
        List<SiteCredentials> sites = SitesFile.read(write("# sites\nsite-1 tok1\n\n  site-2\ttok2  \n"));

        assertThat(sites).extracting(site -> site.site().value()).containsExactly("site-1", "site-2");
        assertThat(sites).extracting(SiteCredentials::token).containsExactly("tok1", "tok2");
    }

    @Test
    void namesTheLineOfAMistake() throws Exception {
        assertThatThrownBy(() -> SitesFile.read(write("site-1 tok1\nsite-2\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line 2").hasMessageContaining("SITE TOKEN");
        assertThatThrownBy(() -> SitesFile.read(write("site-1 a\nsite-1 b\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> SitesFile.read(write("site/1 a\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> SitesFile.read(write("# nothing\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no sites");
    }

    private Path write(String text) throws Exception {
        Path file = Files.createTempFile(dir, "sites", ".txt");
        Files.writeString(file, text);
        return file;
    }
}
