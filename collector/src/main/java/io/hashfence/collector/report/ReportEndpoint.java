package io.hashfence.collector.report;

import io.hashfence.collector.http.Endpoint;
import io.hashfence.collector.http.Request;
import io.hashfence.collector.http.Response;
import io.hashfence.collector.json.CollectorJson;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /api/v1/report?from=&to=&format=json|csv|html}: a compliance report over [from, to) (RFC 3339;
 * default: the 30 days up to now), built from the event log in the data directory.
 */
public final class ReportEndpoint implements Endpoint {
    private static final PeriodParameters PARAMETERS = new PeriodParameters("from", "to");

    private final Path dataDir;
    private final Clock clock;
    private final CollectorJson json;

    public ReportEndpoint(Path dataDir, Clock clock, CollectorJson json) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public Response handle(Request request) {
        Instant now = clock.instant();
        ReportPeriod period;
        ReportFormat format;
        try {
            period = PARAMETERS.parse(
                    request.queryParameter("from").orElse(null),
                    request.queryParameter("to").orElse(null),
                    now);
            String formatText = request.queryParameter("format").orElse(ReportFormat.JSON.label());
            format = ReportFormat.fromLabel(formatText)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "format must be " + ReportFormat.choices() + ", got \"" + formatText + "\""));
        } catch (IllegalArgumentException e) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        try {
            Report report = ReportSource.read(dataDir, period, now);
            return Response.bytes(format.contentType(), format.render(report, json));
        } catch (BrokenChainException e) {
            return Response.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event log in " + dataDir, e);
        }
    }
}
