package io.counterline.caller.display;

/** The words text displays show, in one place so every display says the same. */
final class DisplayTexts {
    static final String PAUSED = "暂停服务";

    private DisplayTexts() {
    }

    static String call(String number) {
        return "请 " + number + " 号";
    }
}
