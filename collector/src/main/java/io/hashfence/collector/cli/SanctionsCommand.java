package io.hashfence.collector.cli;

import io.hashfence.collector.screening.ListedAddress;
import io.hashfence.collector.screening.SanctionsList;
import io.hashfence.collector.screening.SanctionsListFormat;
import io.hashfence.collector.screening.SanctionsStore;
import io.hashfence.collector.screening.SdnAdvancedImport;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sanctions}: the list of sanctioned digital currency addresses that payouts are screened against. */
@Command(
        name = "sanctions",
        mixinStandardHelpOptions = true,
        description = "Manage the list of sanctioned digital currency addresses.",
        subcommands = {SanctionsCommand.Import.class})
public final class SanctionsCommand {

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Rebuild the list from OFAC's sdn_advanced.xml (download it from "
                    + "https://sanctionslistservice.ofac.treas.gov/api/publicationpreview/exports/sdn_advanced.xml). "
                    + "A running collector using the same data directory takes the new list at once.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SDN_ADVANCED_XML", description = "OFAC's advanced XML file")
        Path xml;

        @Mixin
        DataDirOption dataDir;

        @Option(
                names = "--out",
                paramLabel = "FILE",
                description = "write the list here instead of DIR/sanctions/" + SanctionsStore.FILE_NAME)
        Path out;

        @Override
        public Integer call() throws Exception {
            SanctionsList list;
            try (InputStream in = Files.newInputStream(xml)) {
                list = SdnAdvancedImport.read(in, xml.getFileName().toString());
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), xml + ": no such file");
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Path target = out != null ? out : SanctionsStore.fileIn(dataDir.resolve());
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, target.getFileName().toString(), ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                SanctionsListFormat.write(list, writer);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Map<String, Long> perAsset = list.entries().stream()
                    .collect(Collectors.groupingBy(ListedAddress::asset, TreeMap::new, Collectors.counting()));
            long dated = list.entries().stream()
                    .filter(entry -> entry.listedOn() != null)
                    .count();
            var stdout = spec.commandLine().getOut();
            stdout.println("Imported " + list.size() + " addresses over " + perAsset.size() + " assets from " + xml
                    + " (published " + list.published() + "; " + dated + " with a list date).");
            stdout.println(perAsset.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
            stdout.println("Wrote " + target);
            return 0;
        }
    }
}
