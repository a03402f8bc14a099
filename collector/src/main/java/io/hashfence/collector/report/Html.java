package io.hashfence.collector.report;

import java.util.List;

/** Small helpers for writing HTML by hand: escaping and table rows. */
final class Html {
    private Html() {}

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A table header row. */
    static void head(StringBuilder html, String... columns) {
        html.append("<thead><tr>");
        for (String column : columns) {
            html.append("<th>").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead>");
    }

    /** A body row of already-escaped cells. */
    static void row(StringBuilder html, String cssClass, List<String> escapedCells) {
        html.append("<tr class=\"").append(cssClass).append("\">");
        for (String cell : escapedCells) {
            html.append("<td>").append(cell).append("</td>");
        }
        html.append("</tr>");
    }
}
