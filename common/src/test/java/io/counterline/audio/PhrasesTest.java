package io.counterline.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhrasesTest {

    @Test
    void call_ticketAndCounter_readsTicketOneByOneWithChime() {
        Announcement call = Phrases.call("A012", "3");

        assertThat(call.text()).isEqualTo("请 A012 号到 3 号窗口");
        assertThat(call.segments()).containsExactly("qing", "A", "0", "1", "2", "hao", "dao", "3", "hao-chuangkou");
        assertThat(call.chime()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "1, 1",
            "9, 9",
            "10, shi",
            "12, shi 2",
            "20, 2 shi",
            "35, 3 shi 5",
            "99, 9 shi 9",
            "100, 1 0 0",
            "B2, B 2",
            "07, 0 7"})
    void call_counterNumber_readAsChineseNumberUpTo99(String counter, String spoken) {
        Announcement call = Phrases.call("A1", counter);

        String counterPart = String.join(" ", call.segments().subList(5, call.segments().size() - 1));
        assertThat(counterPart).isEqualTo(spoken);
    }

    @Test
    void call_lowerCaseTicket_spokenAndShownUpperCase() {
        Announcement call = Phrases.call(" b7 ", "2");

        assertThat(call.text()).isEqualTo("请 B7 号到 2 号窗口");
        assertThat(call.segments()).startsWith("qing", "B", "7", "hao");
    }

    @ParameterizedTest
    @CsvSource({"'', 1", "A-1, 1", "../x, 1", "A1, 窗口", "A1, ''", "A1234567890123, 1"})
    void call_notLettersAndDigits_rejectedNamingTheField(String number, String counter) {
        assertThatThrownBy(() -> Phrases.call(number, counter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be 1 to 12 letters or digits");
    }

    @Test
    void fixedPhrases_textAndOneClipEach_noChime() {
        assertThat(Phrases.greeting()).isEqualTo(new Announcement("您好", List.of("nin-hao"), false));
        assertThat(Phrases.rateUs().text()).isEqualTo("请您对我的服务进行评价");
        assertThat(Phrases.rateUs().segments()).containsExactly("qing-pingjia");
        assertThat(Phrases.thanks().text()).isEqualTo("谢谢，请慢走");
        assertThat(Phrases.thanks().segments()).containsExactly("xiexie-manzou");
    }

    @Test
    void clips_everyPhrase_usesOnlyListedClips() {
        assertThat(Phrases.CLIPS).contains("chime").hasSize(9 + 10 + 26).doesNotHaveDuplicates();
        for (Announcement a : new Announcement[] {Phrases.call("Z9876", "47"), Phrases.greeting(),
                Phrases.rateUs(), Phrases.thanks()}) {
            assertThat(Phrases.CLIPS).containsAll(a.segments());
        }
    }
}
