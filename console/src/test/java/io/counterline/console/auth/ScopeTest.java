package io.counterline.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeTest {
    @Test
    void branchScopes_readAndWriteAsBefore() {
        Scope s = Scope.parse("services=A;counters=c2,c1");
        assertThat(s.text()).isEqualTo("counters=c1,c2;services=A");
        assertThat(s.covers("c1", "B")).isTrue();
        assertThat(s.covers("c3", "B")).isFalse();
        assertThat(Scope.parse("branch")).isEqualTo(Scope.BRANCH);
    }

    @Test
    void headOfficeScopes_coverTheirRegionsAndBranchesOnly() {
        Scope east = Scope.parse("regions=east");
        assertThat(east.coversBranch("b1", "east")).isTrue();
        assertThat(east.coversBranch("b3", "west")).isFalse();
        assertThat(east.covers("c1", "A")).isFalse();
        Scope two = Scope.parse("branches=b2,b1;regions=north");
        assertThat(two.coversBranch("b2", "west")).isTrue();
        assertThat(two.coversBranch("b9", "north")).isTrue();
        assertThat(two.coversBranch("b9", "west")).isFalse();
        assertThat(two.text()).isEqualTo("regions=north;branches=b1,b2");
        assertThat(Scope.parse(two.text())).isEqualTo(two);
        assertThat(Scope.BRANCH.coversBranch("any", null)).isTrue();
    }

    @Test
    void anUnknownKeyOrAnEmptyScope_isRefusedSayingTheForms() {
        assertThatThrownBy(() -> Scope.parse("region=east")).hasMessageContaining("regions=east");
        assertThatThrownBy(() -> Scope.parse("regions=")).hasMessageContaining("names no");
    }
}
