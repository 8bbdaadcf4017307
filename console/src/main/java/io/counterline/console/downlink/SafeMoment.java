package io.counterline.console.downlink;

import io.counterline.console.staff.Floor;
import io.counterline.protocol.ConfigDocument;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * When head office's configuration may change a service: a service that already exists is renamed
 * or disabled only while none of its tickets is open (waiting, called or in service), so no
 * customer holds a slip of a service that changed under them; otherwise the change waits. A new
 * service, tellers and calendar days are safe at once. The business-day rollover expires every
 * open ticket, so a waiting change applies at the latest at the next look after it.
 */
public final class SafeMoment {
    private SafeMoment() {
    }

    /**
     * The services whose change must wait now.
     *
     * @param current the service as the branch has it now, empty when it has none of that id
     * @param open    open tickets per service id (a service not named has none); empty when they
     *                could not be read, so that every change of an existing service waits
     */
    public static Set<String> mustWait(ConfigDocument doc, Function<String, Optional<Floor.Place>> current,
                                       Optional<Map<String, Integer>> open) {
        Set<String> waiting = new LinkedHashSet<>();
        for (ConfigDocument.Service s : doc.services()) {
            Optional<Floor.Place> now = current.apply(s.id());
            if (now.isPresent() && changes(now.get(), s)
                    && open.map(o -> o.getOrDefault(s.id(), 0) > 0).orElse(true)) {
                waiting.add(s.id());
            }
        }
        return waiting;
    }

    /** Whether the document changes this existing service. */
    static boolean changes(Floor.Place now, ConfigDocument.Service s) {
        return !now.nameZh().equals(s.nameZh()) || !now.nameEn().equals(s.nameEn()) || now.disabled() != s.disabled();
    }
}
