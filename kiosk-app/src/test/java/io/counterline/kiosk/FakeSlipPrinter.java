package io.counterline.kiosk;

import io.counterline.kiosk.printer.PrintException;
import io.counterline.kiosk.printer.PrinterStatus;
import io.counterline.kiosk.printer.Slip;
import io.counterline.kiosk.printer.SlipPrinter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps the slips it is given; its status and the failure of the next slip are set by the test. */
public final class FakeSlipPrinter implements SlipPrinter {
    private final List<Slip> printed = new CopyOnWriteArrayList<>();
    private final AtomicInteger testPages = new AtomicInteger();
    private final AtomicInteger statusReads = new AtomicInteger();
    private volatile PrinterStatus status = PrinterStatus.READY;
    private volatile PrinterStatus failNext;

    @Override
    public void print(Slip slip) throws PrintException {
        PrinterStatus failure = failNext;
        failNext = null;
        if (failure != null) {
            status = failure;
            throw new PrintException("slip " + slip.number() + " may be incomplete: " + failure.reason(), failure);
        }
        if (!status.canPrint()) {
            throw new PrintException("slip " + slip.number() + " not printed: " + status.reason(), status);
        }
        printed.add(slip);
    }

    @Override
    public PrinterStatus status() {
        statusReads.incrementAndGet();
        return status;
    }

    @Override
    public void printTestPage() throws PrintException {
        if (!status.canPrint()) {
            throw new PrintException("test page not printed: " + status.reason(), status);
        }
        testPages.incrementAndGet();
    }

    @Override
    public void close() {
    }

    public void simulate(PrinterStatus value) {
        status = value;
    }

    /** The next slip fails half-way with {@code cause}, which then stays the status. */
    public void failNextSlip(PrinterStatus cause) {
        failNext = cause;
    }

    public List<Slip> printed() {
        return printed;
    }

    /** How often the status was read: the kiosk's status polls, a sentinel for "it polled a while". */
    public int statusReads() {
        return statusReads.get();
    }

    public int testPages() {
        return testPages.get();
    }
}
