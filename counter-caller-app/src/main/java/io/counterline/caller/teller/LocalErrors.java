package io.counterline.caller.teller;

import io.counterline.protocol.ErrorInfo;

/** Failures the caller finds itself, worded like the server's (code, English, Chinese). */
final class LocalErrors {
    static final ErrorInfo NOT_CONNECTED = new ErrorInfo("NOT_CONNECTED",
            "Not connected to the server. You can show a number by hand.", "未连接服务器，可手动叫号");
    static final ErrorInfo NO_ANSWER = new ErrorInfo("NO_ANSWER",
            "The server did not answer. Press Retry when it is back.", "服务器无应答，恢复后请按重试");
    static final ErrorInfo BUSY = new ErrorInfo("BUSY",
            "Please wait: the last action is not finished.", "请稍候，上一操作尚未完成");
    static final ErrorInfo NOTHING_TO_RETRY = new ErrorInfo("NOTHING_TO_RETRY",
            "There is nothing to retry.", "没有需要重试的操作");
    static final ErrorInfo SERVER_ONLINE = new ErrorInfo("SERVER_ONLINE",
            "The server is online: use Call Next.", "服务器在线，请使用叫号");
    static final ErrorInfo BAD_NUMBER = new ErrorInfo("BAD_NUMBER",
            "A number is 1 to 8 letters and digits, e.g. A012.", "号码应为 1 至 8 位字母或数字，如 A012");
    static final ErrorInfo BAD_SIGN_IN = new ErrorInfo("BAD_SIGN_IN",
            "Enter your teller id and PIN.", "请输入柜员号和密码");
    static final ErrorInfo BAD_ORDER = new ErrorInfo("BAD_ORDER",
            "Pick a category and describe or dictate the matter (at most 2,000 characters; contact at most 200).",
            "请选择类别并填写或口述内容（不超过 2000 字，联系方式不超过 200 字）");
    static final ErrorInfo BAD_ANSWER = new ErrorInfo("BAD_ANSWER",
            "The server's answer could not be read.", "无法识别服务器的应答");

    private LocalErrors() {
    }

    static ErrorInfo notRecorded(String why) {
        return new ErrorInfo("NOT_RECORDED", "The manual call could not be recorded: " + why,
                "手动叫号未能记录：" + why);
    }
}
