package dev.otellab.installer;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class IconPainterTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Test
    void theIconIsARoundedSquareWithTransparentCornersAndColouredBars() {
        BufferedImage icon = IconPainter.paint(256);

        assertThat(alpha(icon, 0, 0)).isZero();
        assertThat(alpha(icon, 255, 255)).isZero();
        assertThat(alpha(icon, 128, 128)).isEqualTo(255);
        int firstBar = icon.getRGB(128, 3 * 16 + 10) & 0xFFFFFF;
        assertThat(firstBar).isEqualTo(0x60A5FA);
    }

    @Test
    void theWindowsIconHoldsOne256PixelPng() throws IOException {
        byte[] png = IconPainter.png(IconPainter.paint(256));
        ByteBuffer ico = ByteBuffer.wrap(IconPainter.ico(png)).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(ico.getShort(0)).isZero();
        assertThat(ico.getShort(2)).isEqualTo((short) 1);
        assertThat(ico.getShort(4)).isEqualTo((short) 1);
        assertThat(ico.getInt(14)).isEqualTo(png.length);
        int offset = ico.getInt(18);
        byte[] image = Arrays.copyOfRange(ico.array(), offset, offset + png.length);
        assertThat(Arrays.copyOf(image, 8)).isEqualTo(PNG_SIGNATURE);
        assertThat(ImageIO.read(new ByteArrayInputStream(image)).getWidth()).isEqualTo(256);
    }

    @Test
    void theMacIconListsItsImagesWithTheirLengths() {
        byte[] png256 = IconPainter.png(IconPainter.paint(256));
        byte[] png512 = IconPainter.png(IconPainter.paint(512));
        ByteBuffer icns = ByteBuffer.wrap(IconPainter.icns(png256, png512)).order(ByteOrder.BIG_ENDIAN);

        assertThat(tag(icns, 0)).isEqualTo("icns");
        assertThat(icns.getInt(4)).isEqualTo(icns.capacity());
        assertThat(tag(icns, 8)).isEqualTo("ic08");
        assertThat(icns.getInt(12)).isEqualTo(8 + png256.length);
        int second = 8 + 8 + png256.length;
        assertThat(tag(icns, second)).isEqualTo("ic09");
        assertThat(icns.getInt(second + 4)).isEqualTo(8 + png512.length);
    }

    private static int alpha(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >>> 24;
    }

    private static String tag(ByteBuffer buffer, int at) {
        byte[] tag = new byte[4];
        buffer.get(at, tag);
        return new String(tag, StandardCharsets.US_ASCII);
    }
}
