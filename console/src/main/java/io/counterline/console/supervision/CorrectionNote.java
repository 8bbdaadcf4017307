package io.counterline.console.supervision;

import java.time.Instant;
import java.time.LocalDate;

/** One entry of the correction notebook: what was seen at a counter and the right procedure. */
public record CorrectionNote(long id, LocalDate day, Instant at, String counter, String teller, String observed,
                             String procedure, String recordedBy, Instant recordedAt) {
}
