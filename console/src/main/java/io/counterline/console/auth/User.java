package io.counterline.console.auth;

import java.util.Optional;

/**
 * A console user. A {@link Role#TELLER} user is bound to one teller id of the branch and sees
 * only that teller's figures.
 *
 * @param language "zh" or "en", the language of every page for this user
 */
public record User(long id, String login, String name, Role role, Scope scope, Optional<String> teller,
                   String language, boolean disabled) {

    /** Whether this user may see the figures of {@code tellerId}. */
    public boolean maySee(String tellerId) {
        return role.seesBranchFigures() || teller.filter(tellerId::equals).isPresent();
    }
}
