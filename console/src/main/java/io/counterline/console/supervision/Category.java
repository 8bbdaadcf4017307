package io.counterline.console.supervision;

/** A kind of work order with its time limit ({@code limit} as {@code 4h} or {@code 2d}, working time). */
public record Category(String id, String nameZh, String nameEn, String limit) {
    public String label(String lang) {
        return "zh".equals(lang) ? nameZh : nameEn;
    }
}
