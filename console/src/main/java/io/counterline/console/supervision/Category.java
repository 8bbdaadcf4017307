package io.counterline.console.supervision;

/** A kind of work order with its time limit ({@code limit} as {@code 4h} or {@code 2d}, working time). */
public record Category(String id, String nameZh, String nameEn, String limit) {
    public String label(String lang) {
        return "zh".equals(lang) ? nameZh : nameEn;
    }

    /**
     * A category's limit as the admin types it: whole working hours or days, 1 to 999.
     *
     * @return the limit as stored, e.g. {@code 4h}
     * @throws IllegalArgumentException saying the form
     */
    public static String limit(String typed) {
        String t = typed == null ? "" : typed.trim();
        if (!t.matches("[1-9][0-9]{0,2}[hd]")) {
            throw new IllegalArgumentException("a category's limit looks like 4h or 2d (1 to 999 working hours or days),"
                    + " was '" + typed + "'");
        }
        return t;
    }
}
