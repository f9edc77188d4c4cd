package dev.atrium.platform.http;

import dev.atrium.platform.errors.OperatingError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A request body that refuses to yield more than its cap: the read that would pass the cap throws
 * the route's refusal instead, so a client that sends more than it announced (or a chunked body
 * without any announcement) cannot make the server store more. Not thread-safe.
 */
final class CappedInputStream extends FilterInputStream {
  private final long bytesMax;
  private final Supplier<? extends OperatingError> tooLarge;
  private long bytesRead;

  CappedInputStream(InputStream in, long bytesMax, Supplier<? extends OperatingError> tooLarge) {
    super(in);
    this.bytesMax = bytesMax;
    this.tooLarge = tooLarge;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    // Ask for one byte more than the cap allows, so a body of exactly the cap still ends cleanly.
    long allowed = bytesMax - bytesRead + 1;
    int n = in.read(buffer, offset, (int) Math.min(length, allowed));
    if (n > 0) {
      bytesRead += n;
      if (bytesRead > bytesMax) {
        throw tooLarge.get();
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("An upload body is read, not skipped");
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
