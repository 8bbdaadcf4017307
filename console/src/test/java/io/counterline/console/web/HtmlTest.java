package io.counterline.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void textAndAttributes_areEscaped() {
        String html = new Html().element("td", "<script>alert('x')</script> & \"q\"", "title", "\"><img src=x>")
                .toString();
        assertThat(html).isEqualTo("<td title=\"&quot;&gt;&lt;img src=x&gt;\">&lt;script&gt;alert(&#39;x&#39;)"
                + "&lt;/script&gt; &amp; &quot;q&quot;</td>");
    }

    @Test
    void controlCharacters_areDropped_soThePdfParserAcceptsTheText() {
        assertThat(Html.escape("a\u0000b\u0007c\td")).isEqualTo("abc\td");
    }
}
