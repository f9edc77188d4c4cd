package dev.atrium.wallet.emvco;

/**
 * CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR), the
 * checksum EMVCo QR codes carry in tag 63. Pure; thread-safe.
 */
public final class Crc16Ccitt {
  private static final int[] TABLE = table();

  private Crc16Ccitt() {}

  public static int compute(byte[] bytes) {
    int crc = 0xFFFF;
    for (byte b : bytes) {
      crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ b) & 0xFF]) & 0xFFFF;
    }
    return crc;
  }

  /** Four upper-case hex digits, as tag 63 holds them. */
  public static String hex(byte[] bytes) {
    return String.format("%04X", compute(bytes));
  }

  private static int[] table() {
    int[] table = new int[256];
    for (int i = 0; i < 256; i++) {
      int crc = i << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      table[i] = crc & 0xFFFF;
    }
    return table;
  }
}
