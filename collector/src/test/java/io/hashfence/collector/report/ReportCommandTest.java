package io.hashfence.collector.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.cli.ReportCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hashfence-collector report} through picocli, as a user runs it. */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    Path data;
    String head;

    record Result(int exitCode, String out, String err) {}

    @BeforeEach
    void writeLog() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        head = SampleFleet.history().writeTo(data);
    }

    @Test
    void printsJsonToStandardOutputByDefault() throws Exception {
        Result result = run("--data-dir", data.toString(), "--from", SampleFleet.FROM, "--to", SampleFleet.TO);

        assertThat(result.exitCode()).isZero();
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.at("/chain/head_hash").asText()).isEqualTo(head);
        assertThat(report.at("/fleet/violations").asInt()).isEqualTo(3);
        assertThat(report.at("/period/from").asText()).isEqualTo(SampleFleet.FROM);
    }

    @Test
    void writesTheChosenFormatToTheOutFile() throws Exception {
        Path csv = dir.resolve("october.csv");
        Path html = dir.resolve("october.html");

        Result asCsv = run(
                "--data-dir", data.toString(), "--from", SampleFleet.FROM, "--format", "csv", "--out", csv.toString());
        Result asHtml = run("--data-dir", data.toString(), "--format=html", "--out", html.toString());

        assertThat(asCsv.exitCode()).isZero();
        assertThat(asCsv.out()).isEmpty();
        assertThat(asCsv.err()).contains(csv.toString()).contains(head);
        assertThat(Files.readString(csv))
                .startsWith("record,site,rig,")
                .contains("report,,,,,," + SampleFleet.FROM + ",2026-11-01T00:00:00Z,");
        assertThat(asHtml.exitCode()).isZero();
        assertThat(Files.readString(html))
                .as("the default period is the 30 days up to now")
                .startsWith("<!DOCTYPE html>")
                .contains(head)
                .contains("2026-10-02 00:00:00 UTC");
    }

    @Test
    void badOptionsExit2WithAClearMessage() {
        assertUsageError(
                run("--data-dir", data.toString(), "--from", "last week"),
                "--from must be an RFC 3339 time such as 2026-11-01T00:00:00Z, got \"last week\"");
        assertUsageError(run("--data-dir", data.toString(), "--to", "2026-10-01"), "--to must be an RFC 3339 time");
        assertUsageError(
                run("--data-dir", data.toString(), "--from", SampleFleet.TO, "--to", SampleFleet.FROM),
                "--from (" + SampleFleet.TO + ") must be before --to (" + SampleFleet.FROM + ")");
        assertUsageError(
                run("--data-dir", data.toString(), "--format", "pdf"),
                "--format must be json, csv or html, got \"pdf\"");
        assertUsageError(run("--data-dir", dir.resolve("missing").toString()), "is not a directory");
        assertUsageError(run("--data-dir", data.toString(), "--colour"), "Unknown option: '--colour'");
    }

    @Test
    void aBrokenChainExits1NamingTheBadRecord() throws Exception {
        Path log = data.resolve(EventLog.FILE_NAME);
        List<String> lines = Files.readAllLines(log);
        lines.set(4, lines.get(4).replace("\"texas\"", "\"dallas\""));
        assertThat(lines.get(4)).as("the record was altered").contains("dallas");
        Files.write(log, lines);

        Result result = run("--data-dir", data.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("record 5 (line 5): hash mismatch");
        assertThat(result.out()).isEmpty();
    }

    private static void assertUsageError(Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message);
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ReportCommand(NOW))
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
