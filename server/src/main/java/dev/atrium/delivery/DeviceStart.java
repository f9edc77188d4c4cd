package dev.atrium.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a device stands when it connects.
 *
 * @param ackedSeqs per conversation it receives, the newest sequence number it acknowledged
 * @param departingUntil among those, the ones it was removed from, with the removing commit's
 *     sequence number
 * @param items what is addressed to the device and not yet acknowledged (Welcomes)
 */
public record DeviceStart(
    Map<String, Long> ackedSeqs, Map<String, Long> departingUntil, List<DeviceItem> items) {
  /** Copies kept in their order: catch-up follows it. */
  public DeviceStart {
    ackedSeqs = Collections.unmodifiableMap(new LinkedHashMap<>(ackedSeqs));
    departingUntil = Collections.unmodifiableMap(new LinkedHashMap<>(departingUntil));
    items = List.copyOf(items);
  }
}
