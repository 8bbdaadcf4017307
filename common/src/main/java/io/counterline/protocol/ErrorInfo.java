package io.counterline.protocol;

/**
 * Why a request failed: a stable code for programs and a message for people in both languages.
 *
 * @param code      stable, upper snake case, e.g. {@code NO_TICKET_WAITING}
 * @param message   English
 * @param messageZh Chinese
 */
public record ErrorInfo(String code, String message, String messageZh) {

    public ErrorInfo {
        Check.text(code, "error.code", 64);
        Check.text(message, "error.message", 500);
        Check.text(messageZh, "error.messageZh", 500);
    }
}
