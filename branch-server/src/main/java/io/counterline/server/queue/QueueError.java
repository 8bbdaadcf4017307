package io.counterline.server.queue;

import io.counterline.protocol.ErrorInfo;

/** The engine's stable error codes, each with what a teller or customer is told. */
public enum QueueError {
    BAD_ARGS("The request is not understood", "请求无法识别"),
    NOT_ALLOWED("This device may not do that", "此设备无权执行该操作"),
    UNKNOWN_SERVICE("No such service", "没有该业务"),
    SERVICE_CLOSED("This service is closed now", "该业务现在不办理"),
    NUMBERS_EXHAUSTED("No more numbers today for this service", "该业务今日号码已取完"),
    UNKNOWN_TELLER("Unknown teller", "没有该柜员"),
    BAD_PIN("Wrong PIN", "密码错误"),
    PIN_LOCKED("Too many wrong PINs; wait, or ask a supervisor", "密码错误次数过多，请稍后再试或联系主管"),
    TELLER_ELSEWHERE("This teller is signed in at another counter", "该柜员已在其他窗口登录"),
    NOT_SIGNED_IN("Nobody is signed in at this counter", "本窗口未登录"),
    COUNTER_PAUSED("The counter is paused; resume first", "窗口暂停中，请先恢复服务"),
    NOT_PAUSED("The counter is not paused", "窗口未暂停"),
    FINISH_CURRENT_FIRST("Finish the current customer first", "请先办结当前客户"),
    NO_CURRENT_TICKET("There is no current customer", "当前没有客户"),
    NO_TICKET_WAITING("Nobody is waiting", "当前无人等候"),
    UNKNOWN_TICKET("No waiting ticket with that number", "没有该号码的等候票"),
    NOT_SERVED_HERE("This counter does not serve that service", "本窗口不办理该业务"),
    RECALL_LIMIT("The recall limit is reached; mark no-show or serve", "已达重呼上限，请选择过号或办理"),
    WRONG_STATE("Not possible in the ticket's current state", "当前状态下无法操作"),
    UNKNOWN_COUNTER("No such counter", "没有该窗口"),
    EXPIRED("The request came after its deadline; nothing was done", "请求已过期，未执行"),
    COUNTER_UNSTAFFED("Nobody is signed in at that counter; transfer to a service or a staffed counter",
            "该窗口无人登录，请转到业务或有人的窗口"),
    STORE_ERROR("The server could not save; try again", "服务器保存失败，请重试");

    private final String en;
    private final String zh;

    QueueError(String en, String zh) {
        this.en = en;
        this.zh = zh;
    }

    public ErrorInfo info() {
        return new ErrorInfo(name(), en, zh);
    }

    public QueueException because(String detail) {
        return new QueueException(this, detail);
    }

    public QueueException get() {
        return new QueueException(this, "");
    }
}
