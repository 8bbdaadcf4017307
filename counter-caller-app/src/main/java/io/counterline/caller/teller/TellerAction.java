package io.counterline.caller.teller;

/** What a teller can do at the counter; the screen's buttons and the keypad's keys name these. */
public enum TellerAction {
    SIGN_IN, SIGN_OUT, CALL_NEXT, CALL_TICKET, RECALL, START, COMPLETE, NO_SHOW, TRANSFER, PAUSE, RESUME, MANUAL_CALL
}
