package dev.otellab.installer;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step: draws the application icon (a trace waterfall on a dark rounded square, no
 * text so no fonts are needed) and writes it in the three forms jpackage wants: PNG for Linux,
 * ICO for Windows and ICNS for macOS. Both containers hold PNG images, which every supported
 * Windows and macOS version reads.
 */
public final class IconPainter {
    public static final String NAME = "lab-console";
    private static final Color BACKGROUND = new Color(0x1F2937);
    private static final Color AXIS = new Color(0x4B5563);
    /** One bar per span: start and width as shares of the timeline, and its colour. */
    private static final double[][] SPANS = {
            {0.00, 1.00, 0x60A5FA},
            {0.08, 0.55, 0x34D399},
            {0.20, 0.30, 0x34D399},
            {0.60, 0.38, 0xF87171},
    };

    private IconPainter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: IconPainter OUTPUT_DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        Files.write(dir.resolve(NAME + ".png"), png(paint(256)));
        Files.write(dir.resolve(NAME + ".ico"), ico(png(paint(256))));
        Files.write(dir.resolve(NAME + ".icns"), icns(png(paint(256)), png(paint(512))));
    }

    /** The icon at {@code size} x {@code size} pixels, transparent outside the rounded square. */
    static BufferedImage paint(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double unit = size / 16.0;
            g.setColor(BACKGROUND);
            g.fill(new RoundRectangle2D.Double(0, 0, size, size, 5 * unit, 5 * unit));
            double left = 3 * unit;
            double width = 10 * unit;
            double barHeight = 1.8 * unit;
            g.setColor(AXIS);
            g.setStroke(new BasicStroke((float) (0.35 * unit)));
            g.drawLine((int) (left - unit), (int) (2.8 * unit), (int) (left - unit), (int) (13.2 * unit));
            for (int i = 0; i < SPANS.length; i++) {
                double[] span = SPANS[i];
                g.setColor(new Color((int) span[2]));
                double top = 3 * unit + i * 2.6 * unit;
                g.fill(new RoundRectangle2D.Double(left + span[0] * width, top, span[1] * width, barHeight, unit, unit));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A Windows icon file holding one 256 x 256 PNG image. */
    static byte[] ico(byte[] png256) {
        ByteBuffer ico = ByteBuffer.allocate(6 + 16 + png256.length).order(ByteOrder.LITTLE_ENDIAN);
        ico.putShort((short) 0).putShort((short) 1).putShort((short) 1); // reserved, type icon, one image
        ico.put((byte) 0).put((byte) 0); // 0 means 256 for width and height
        ico.put((byte) 0).put((byte) 0); // no palette, reserved
        ico.putShort((short) 1).putShort((short) 32); // colour planes, bits per pixel
        ico.putInt(png256.length).putInt(6 + 16);
        ico.put(png256);
        return ico.array();
    }

    /** A macOS icon file with the 256 x 256 (ic08) and 512 x 512 (ic09) PNG images. */
    static byte[] icns(byte[] png256, byte[] png512) {
        int length = 8 + 8 + png256.length + 8 + png512.length;
        ByteBuffer icns = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        icns.put(ascii("icns")).putInt(length);
        icns.put(ascii("ic08")).putInt(8 + png256.length).put(png256);
        icns.put(ascii("ic09")).putInt(8 + png512.length).put(png512);
        return icns.array();
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
