package io.hashfence.collector.cli;

import io.hashfence.collector.site.SiteCredentials;
import io.hashfence.collector.site.TokenHasher;
import io.hashfence.protocol.Ids;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sites}: manage the sites allowed to connect. */
@Command(
        name = "sites",
        mixinStandardHelpOptions = true,
        description = "Manage site credentials.",
        subcommands = {SitesCommand.Add.class, SitesCommand.Rotate.class})
public final class SitesCommand {

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description =
                    "Add a site and print its new token, once, alone on the last line. Only a salted hash is stored.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SITE", description = "site id, [A-Za-z0-9._-]{1,64}")
        String site;

        @Mixin
        SiteCredentialsOptions where;

        @Override
        public Integer call() throws Exception {
            if (!Ids.isValid(site)) {
                throw new ParameterException(spec.commandLine(), "SITE " + Ids.RULE + ", got \"" + site + "\"");
            }
            return where.apply(store -> add(store));
        }

        private PrintWriter out() {
            return spec.commandLine().getOut();
        }

        private int add(SiteCredentials store) throws IOException {
            if (store.find(SiteId.of(site)).isPresent()) {
                throw new ParameterException(
                        spec.commandLine(), "site " + site + " already exists in " + store.location());
            }
            String token = store.add(SiteId.of(site), new TokenHasher());
            out().println("Added site " + site + " to " + store.location() + ".");
            out().println("Its agents connect with user name \"" + site + "\" and this token as password;"
                    + " it is shown only now:");
            out().println(token);
            return 0;
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Issue a new token for a site and revoke the old one: a running collector refuses it at "
                    + "once and closes the connections that used it. Prints the new token alone on the last line.")
    static final class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SITE", description = "an existing site id")
        String site;

        @Mixin
        SiteCredentialsOptions where;

        @Override
        public Integer call() throws Exception {
            return where.apply(store -> rotate(store));
        }

        private PrintWriter out() {
            return spec.commandLine().getOut();
        }

        private int rotate(SiteCredentials store) throws IOException {
            if (!Ids.isValid(site) || store.find(SiteId.of(site)).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no site \"" + site + "\" in " + store.location());
            }
            String token = store.rotate(SiteId.of(site), new TokenHasher());
            out().println("New token for site " + site + "; the old one is revoked. It is shown only now:");
            out().println(token);
            return 0;
        }
    }
}
