package io.counterline.protocol;

/** A message that names the device it speaks for; the codec checks it against the topic. */
public interface FromDevice {
    String device();
}
