package dev.atrium.platform.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** Renders text as a QR code, as SVG or PNG. Pure functions; thread-safe. */
public final class QrCodes {
  public static final int SIZE_PIXELS_MIN = 128;
  public static final int SIZE_PIXELS_MAX = 2048;
  public static final int SIZE_PIXELS_DEFAULT = 512;

  /** M corrects 15% damage, enough for a screen or a print; higher levels make denser codes. */
  private static final Map<EncodeHintType, Object> HINTS =
      Map.of(
          EncodeHintType.ERROR_CORRECTION,
          ErrorCorrectionLevel.M,
          EncodeHintType.CHARACTER_SET,
          "UTF-8",
          EncodeHintType.MARGIN,
          4);

  private QrCodes() {}

  /**
   * An SVG drawn in module units (the quiet zone included) and scaled to {@code sizePixels}: one
   * path of horizontal runs of dark modules, so it stays small and sharp at any size.
   */
  public static String svg(String text, int sizePixels) {
    BitMatrix modules = encode(text, 0);
    int width = modules.getWidth();
    int height = modules.getHeight();
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < height; y++) {
      int x = 0;
      while (x < width) {
        if (!modules.get(x, y)) {
          x++;
          continue;
        }
        int start = x;
        while (x < width && modules.get(x, y)) {
          x++;
        }
        int run = x - start;
        path.append('M')
            .append(start)
            .append(' ')
            .append(y)
            .append('h')
            .append(run)
            .append("v1h-")
            .append(run)
            .append('z');
      }
    }
    return """
        <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" \
        shape-rendering="crispEdges"><rect width="%d" height="%d" fill="#ffffff"/>\
        <path fill="#000000" d="%s"/></svg>
        """
        .formatted(sizePixels, sizePixels, width, height, width, height, path);
  }

  /** A black-and-white PNG of {@code sizePixels} square; modules are whole pixels, centred. */
  public static byte[] png(String text, int sizePixels) {
    BitMatrix pixels = encode(text, sizePixels);
    BufferedImage image =
        new BufferedImage(pixels.getWidth(), pixels.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < pixels.getHeight(); y++) {
      for (int x = 0; x < pixels.getWidth(); x++) {
        raster.setSample(x, y, 0, pixels.get(x, y) ? 0 : 1);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing a PNG to memory failed", e);
    }
    return out.toByteArray();
  }

  private static BitMatrix encode(String text, int sizePixels) {
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, sizePixels, sizePixels, HINTS);
    } catch (WriterException e) {
      // Only text beyond a QR code's capacity (about 2 KB) fails; links are far shorter.
      throw new IllegalStateException("Text does not fit in a QR code", e);
    }
  }
}
