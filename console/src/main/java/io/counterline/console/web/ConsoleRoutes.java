package io.counterline.console.web;

import io.javalin.config.RoutesConfig;

/**
 * Routes a feature adds to the console (e.g. supervision). They run behind the same guard as
 * every other route: session, CSRF on every change, security headers.
 */
public interface ConsoleRoutes {
    void register(RoutesConfig routes);
}
