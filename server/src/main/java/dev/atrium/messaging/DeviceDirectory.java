package dev.atrium.messaging;

import java.util.Collection;
import java.util.Map;

/** What messaging needs to know from identity about devices. */
public interface DeviceDirectory {
  /** The owning account of each known, current device among {@code deviceIds}. */
  Map<String, String> owners(Collection<String> deviceIds);
}
