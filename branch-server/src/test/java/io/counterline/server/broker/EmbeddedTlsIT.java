package io.counterline.server.broker;

import io.counterline.server.config.BranchConfig;
import io.counterline.server.testing.BrokerProcess;
import io.counterline.server.testing.EmbeddedBrokerJvm;
import io.counterline.server.testing.TestBranch;
import java.nio.file.Path;

class EmbeddedTlsIT extends TlsContract {
    @Override
    BrokerProcess broker(TestBranch branch, BranchConfig config, Path dir) {
        return new EmbeddedBrokerJvm(branch.writeForEmbeddedBroker(), branch.brokerPort(), dir);
    }
}
