package io.counterline.protocol;

/** A teller as customers may see them (rating pad, reports). */
public record TellerRef(String id, String name, String employeeNo) {
    public TellerRef {
        Check.id(id, "teller.id");
        Check.text(name, "teller.name", 40);
        Check.text(employeeNo, "teller.employeeNo", 20);
    }
}
