package io.counterline.kiosk.screen;

/** What the admin screen says about the device: its id, software version and broker address. */
public record DeviceInfo(String deviceId, String version, String broker) {
}
