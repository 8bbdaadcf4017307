package io.counterline.console.web;

/**
 * Builds XHTML (well-formed, so that the same markup becomes a PDF) where every text and every
 * attribute value is escaped on the way in: a page cannot forget to escape a teller's name.
 * Markup can only come from tag names and attribute names, which are constants in the code.
 */
public final class Html {
    private final StringBuilder out = new StringBuilder(4096);

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // Control characters other than tab and line ends are not allowed in XML.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Opens {@code tag} with attributes given as name, value pairs (values escaped). */
    public Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    /** An element without content, e.g. {@code input}, {@code meta}. */
    public Html empty(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append(" />");
        return this;
    }

    public Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    public Html text(Object text) {
        out.append(escape(text == null ? "" : text.toString()));
        return this;
    }

    /** {@code <tag attrs>text</tag>}. */
    public Html element(String tag, Object text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** A table row of text cells. */
    public Html row(Object... cells) {
        open("tr");
        for (Object c : cells) {
            element("td", c);
        }
        return close("tr");
    }

    public Html headerRow(Object... cells) {
        open("tr");
        for (Object c : cells) {
            element("th", c);
        }
        return close("tr");
    }

    /** Appends markup built by another {@link Html} (so already escaped). */
    public Html append(Html other) {
        out.append(other.out);
        return this;
    }

    /** A hidden CSRF field for a form. */
    public Html csrf(String token) {
        return empty("input", "type", "hidden", "name", "csrf", "value", token);
    }

    private void attributes(String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
