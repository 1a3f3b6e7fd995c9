package org.betadarts.report;

import java.nio.file.Path;
import java.util.List;
import org.betadarts.io.AtomicFiles;
import org.jfree.chart.JFreeChart;

/**
 * One self-contained HTML page under construction: styles inline, charts as inline SVG (each also
 * written as {@code charts/NAME.png} next to the page and linked from it), no scripts and no
 * external resources, so that it opens offline.
 */
final class Html {
    private static final String STYLE = """
            body { font-family: sans-serif; margin: 24px auto; max-width: 1200px; color: #222; padding: 0 16px; }
            h1 { font-size: 24px; } h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ccc; }
            .grid { display: flex; flex-wrap: wrap; gap: 12px; }
            figure { margin: 0; } figure svg { max-width: 100%; height: auto; }
            .grid figure { max-width: 580px; } figcaption code { word-break: break-all; }
            figcaption { font-size: 13px; color: #555; text-align: center; }
            table { border-collapse: collapse; font-size: 14px; margin: 8px 0; }
            th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            code { font-size: 13px; background: #f4f4f4; padding: 1px 4px; }
            .note { font-size: 13px; color: #555; max-width: 900px; }
            """;

    private final String title;
    private final Path dir;
    private final StringBuilder body = new StringBuilder();
    private int charts;

    /** @param dir the folder the page and its PNG files go to */
    Html(String title, Path dir) {
        this.title = title;
        this.dir = dir;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    Html heading(int level, String text) {
        body.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
        return this;
    }

    Html paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    Html note(String text) {
        body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Markup taken as it is (diagrams, links built by the caller). */
    Html raw(String html) {
        body.append(html).append('\n');
        return this;
    }

    Html beginGrid() {
        return raw("<div class=\"grid\">");
    }

    Html endGrid() {
        return raw("</div>");
    }

    /** A chart inline and as charts/FILE.png; nothing when it has no data. */
    Html chart(LineChart spec, int width, int height) {
        if (!spec.hasData()) {
            return this;
        }
        JFreeChart chart = Charts.build(spec);
        String png = "charts/" + spec.file() + ".png";
        Charts.png(chart, width, height, dir.resolve(png));
        String id = "chart" + charts++;
        body.append("<figure class=\"chart\"><a href=\"").append(escape(png)).append("\">")
                .append(Charts.svg(chart, width, height, id)).append("</a></figure>\n");
        return this;
    }

    Html table(List<String> header, List<List<String>> rows) {
        body.append("<table><tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    String page() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n"
                + body + "</body>\n</html>\n";
    }

    /** Writes the page as index.html in its folder, atomically; returns its path. */
    Path write() {
        Path file = dir.resolve("index.html");
        AtomicFiles.writeString(file, page());
        return file;
    }
}
