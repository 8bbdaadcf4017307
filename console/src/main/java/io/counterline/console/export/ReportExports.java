package io.counterline.console.export;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.counterline.console.report.ReportTables.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A report's tables as PDF (the print layout's XHTML through openhtmltopdf, with a TTF/TTC CJK
 * font: wqy-microhei works, Noto CJK's OTF does not), CSV (UTF-8 with a BOM, which Excel needs to
 * read Chinese) and XLSX (one sheet per table).
 */
public final class ReportExports {
    /** The font family name the print stylesheet asks for. */
    public static final String FONT_FAMILY = "cjk";

    private ReportExports() {
    }

    /** @throws IOException when the font is missing or the document cannot be laid out */
    public static byte[] pdf(String xhtml, Path font) throws IOException {
        if (!Files.isReadable(font)) {
            throw new IOException("the PDF font " + font + " is missing: install fonts-wqy-microhei or set console.pdf-font");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder b = new PdfRendererBuilder();
        b.useFastMode();
        b.useFont(font.toFile(), FONT_FAMILY);
        b.withHtmlContent(xhtml, null);
        b.toStream(out);
        b.run();
        return out.toByteArray();
    }

    public static byte[] csv(List<Table> tables) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.EXCEL)) {
            for (Table t : tables) {
                p.printRecord(t.title());
                p.printRecord(t.headers());
                for (List<String> row : t.rows()) {
                    p.printRecord(row);
                }
                p.println();
            }
        }
        return out.toByteArray();
    }

    public static byte[] xlsx(List<Table> tables) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "Counterline", "1.0");
        int n = 0;
        for (Table t : tables) {
            // Sheet names: at most 31 characters, unique.
            String name = (++n) + " " + t.title().replaceAll("[\\\\/?*\\[\\]:]", " ");
            Worksheet ws = wb.newWorksheet(name.length() > 31 ? name.substring(0, 31) : name);
            for (int c = 0; c < t.headers().size(); c++) {
                ws.value(0, c, t.headers().get(c));
                ws.style(0, c).bold().set();
            }
            for (int r = 0; r < t.rows().size(); r++) {
                List<String> row = t.rows().get(r);
                for (int c = 0; c < row.size(); c++) {
                    String v = row.get(c);
                    // Counts as numbers so that Excel can sum them; the rest as text.
                    if (v.matches("-?\\d{1,15}")) {
                        ws.value(r + 1, c, Long.parseLong(v));
                    } else {
                        ws.value(r + 1, c, v);
                    }
                }
            }
        }
        wb.finish();
        return out.toByteArray();
    }
}
