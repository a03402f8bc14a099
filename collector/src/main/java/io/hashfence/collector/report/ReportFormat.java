package io.hashfence.collector.report;

import io.hashfence.collector.json.CollectorJson;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The forms a report can be written in. */
public enum ReportFormat {
    JSON("json", "application/json; charset=utf-8"),
    CSV("csv", "text/csv; charset=utf-8; header=present"),
    HTML("html", "text/html; charset=utf-8");

    private final String label;
    private final String contentType;

    ReportFormat(String label, String contentType) {
        this.label = label;
        this.contentType = contentType;
    }

    public String label() {
        return label;
    }

    public String contentType() {
        return contentType;
    }

    /** @param json the mapper the JSON form is written with */
    public byte[] render(Report report, CollectorJson json) {
        return switch (this) {
            case JSON -> JsonReport.render(report, json);
            case CSV -> CsvReport.render(report);
            case HTML -> HtmlReport.render(report);
        };
    }

    public static Optional<ReportFormat> fromLabel(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.label.equals(wanted)).findFirst();
    }

    /** "json, csv or html", for error messages. */
    public static String choices() {
        return "json, csv or html";
    }
}
