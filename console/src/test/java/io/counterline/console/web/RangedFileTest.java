package io.counterline.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangedFileTest {
    @Test
    void range_probeOpenEndedSuffixBeyondAndNotUnderstood() {
        assertThat(RangedFile.range("bytes=0-1", 100)).containsExactly(0, 1);
        assertThat(RangedFile.range("bytes=50-", 100)).containsExactly(50, 99);
        assertThat(RangedFile.range("bytes=-10", 100)).containsExactly(90, 99);
        assertThat(RangedFile.range("bytes=90-500", 100)).containsExactly(90, 99);
        assertThat(RangedFile.range("bytes=100-", 100)).isEmpty();
        assertThat(RangedFile.range("bytes=5-4", 100)).isEmpty();
        assertThat(RangedFile.range("bytes=0-1,5-6", 100)).isNull(); // several ranges: the whole file
        assertThat(RangedFile.range(null, 100)).isNull();
    }
}
