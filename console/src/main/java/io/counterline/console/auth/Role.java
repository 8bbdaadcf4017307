package io.counterline.console.auth;

import java.util.Locale;

/** What a console user may do; where, is their {@link Scope}. See docs/console.md for the table. */
public enum Role {
    ADMIN("admin", "管理员", "Administrator"),
    BRANCH_MANAGER("branch-manager", "网点负责人", "Branch manager"),
    QUALITY_SUPERVISOR("quality-supervisor", "质量督导", "Quality supervisor"),
    AUDITOR("auditor", "审计（只读）", "Auditor (read-only)"),
    TELLER("teller", "柜员", "Teller"),
    SIGNAGE_EDITOR("signage-editor", "大厅媒体编辑", "Hall media editor"),
    SIGNAGE_APPROVER("signage-approver", "大厅媒体审核", "Hall media approver");

    private final String wire;
    private final String zh;
    private final String en;

    Role(String wire, String zh, String en) {
        this.wire = wire;
        this.zh = zh;
        this.en = en;
    }

    public String wire() {
        return wire;
    }

    public String label(String language) {
        return "zh".equals(language) ? zh : en;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Role of(String wire) {
        for (Role r : values()) {
            if (r.wire.equals(wire.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("role '" + wire + "' is not one of admin, branch-manager,"
                + " quality-supervisor, auditor, teller, signage-editor, signage-approver");
    }

    /** The live monitor and the branch's reports (within the scope). */
    public boolean seesBranchFigures() {
        return this != TELLER && this != SIGNAGE_EDITOR && this != SIGNAGE_APPROVER;
    }

    /** Hall media: upload, notices, playlists, submit for approval. */
    public boolean editsSignage() {
        return this == ADMIN || this == BRANCH_MANAGER || this == SIGNAGE_EDITOR || this == SIGNAGE_APPROVER;
    }

    /** Hall media: approve or reject a submitted revision, set or clear the emergency notice. */
    public boolean approvesSignage() {
        return this == ADMIN || this == BRANCH_MANAGER || this == SIGNAGE_APPROVER;
    }

    /** Recordings: search and play them in the browser (within the scope; every play audited). */
    public boolean playsRecordings() {
        return this == ADMIN || this == BRANCH_MANAGER || this == QUALITY_SUPERVISOR || this == AUDITOR;
    }

    /** Recordings: download the file, a copy that leaves the console (separate from playing). */
    public boolean downloadsRecordings() {
        return this == ADMIN || this == BRANCH_MANAGER;
    }

    /** Listen live to a counter (within the scope). */
    public boolean listensLive() {
        return this == ADMIN || this == BRANCH_MANAGER || this == QUALITY_SUPERVISOR;
    }

    /** Put a recording on legal hold for a work order, or release it. */
    public boolean holdsRecordings() {
        return this == ADMIN || this == BRANCH_MANAGER || this == QUALITY_SUPERVISOR;
    }

    /** The audit log. */
    public boolean readsAudit() {
        return this == ADMIN || this == AUDITOR;
    }

    /** Tellers: add, rename, disable, reset a PIN. */
    public boolean managesStaff() {
        return this == ADMIN || this == BRANCH_MANAGER;
    }

    /** Users and settings. */
    public boolean administers() {
        return this == ADMIN;
    }
}
