package io.counterline.server.broker;

import io.counterline.server.config.BranchConfig;
import io.counterline.server.testing.BrokerProcess;
import io.counterline.server.testing.MosquittoBroker;
import io.counterline.server.testing.TestBranch;
import java.nio.file.Path;

class MosquittoTlsIT extends TlsContract {
    @Override
    BrokerProcess broker(TestBranch branch, BranchConfig config, Path dir) throws Exception {
        return new MosquittoBroker(config, branch.brokerPort(), dir);
    }
}
