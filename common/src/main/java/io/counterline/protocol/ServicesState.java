package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** Retained on {@code state/services}: every service with its queue, as kiosks and displays show it. */
public record ServicesState(@JsonProperty(required = true) int v, Instant at, String businessDay,
                            List<Service> services) {

    /**
     * One service.
     *
     * @param hours                opening hours as shown to customers, e.g. "09:00-17:00"
     * @param estimatedWaitSeconds estimate for a ticket taken now, from recent service times
     */
    public record Service(String id, String prefix, String nameZh, String nameEn, boolean open, String hours,
                          int waiting, int estimatedWaitSeconds) {
        public Service {
            Check.id(id, "service.id");
            Check.text(prefix, "service.prefix", 2);
            Check.text(nameZh, "service.nameZh", 40);
            Check.text(nameEn, "service.nameEn", 60);
            Check.present(hours, "service.hours");
            Check.notNegative(waiting, "service.waiting");
            Check.notNegative(estimatedWaitSeconds, "service.estimatedWaitSeconds");
        }
    }

    public ServicesState {
        Check.version(v);
        Check.present(at, "at");
        Check.text(businessDay, "businessDay", 10);
        services = List.copyOf(Check.present(services, "services"));
    }
}
