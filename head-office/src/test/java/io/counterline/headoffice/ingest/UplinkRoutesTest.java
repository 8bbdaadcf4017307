package io.counterline.headoffice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UplinkRoutesTest {
    @Test
    void routingKeys_swapSeparatorsAsTheMqttPluginDoes_andGiveTheBranchBack() {
        assertThat(UplinkRoutes.factsKey("b001")).isEqualTo("cl.v1.b001.dev.uplink.evt");
        assertThat(UplinkRoutes.ackKey("b.01")).isEqualTo("cl.v1.b/01.dev.uplink.ack");
        assertThat(UplinkRoutes.branchOf("cl.v1.b/01.dev.uplink.evt")).contains("b.01");
        assertThat(UplinkRoutes.branchOf("cl.v1.b001.dev.uplink.evt")).contains("b001");
    }

    @Test
    void otherKeys_giveNoBranch() {
        assertThat(UplinkRoutes.branchOf("cl.v1.b001.dev.uplink.ack")).isEmpty();
        assertThat(UplinkRoutes.branchOf("cl.v1.b001.dev.kiosk.evt")).isEmpty();
        assertThat(UplinkRoutes.branchOf("cl.v1.b0 1.dev.uplink.evt")).isEmpty();
        assertThat(UplinkRoutes.branchOf("cl.v1..dev.uplink.evt")).isEmpty();
        assertThat(UplinkRoutes.branchOf("x.cl.v1.b001.dev.uplink.evt")).isEmpty();
        assertThat(UplinkRoutes.branchOf("")).isEmpty();
    }
}
