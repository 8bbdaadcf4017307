package io.counterline.console.signage;

import java.util.List;

/**
 * The hall media part of the console as the server needs it: the desk (library, playlists,
 * approvals, emergency notice), the proof-of-play reader and the branch's hall display ids.
 */
public record Signage(SignageDesk desk, ProofOfPlay plays, List<String> hallDisplays) {
    public Signage {
        hallDisplays = List.copyOf(hallDisplays);
    }
}
