package dev.otellab.backend.text;

/** Checks on user text that {@link String#isBlank()} and the JSON parser do not make. */
public final class UnicodeText {

  private UnicodeText() {}

  /**
   * True when the text shows nothing: only white space as Unicode defines it (including
   * no-break and ideographic spaces), format characters (zero-width space, joiners, byte order
   * mark) and the fillers that render as blank (Hangul fillers, braille blank).
   */
  public static boolean isBlank(String text) {
    return text == null || text.codePoints().allMatch(UnicodeText::isInvisible);
  }

  /** The index of the first surrogate that is not part of a pair, or -1 when the text is valid Unicode. */
  public static int firstUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isInvisible(int codePoint) {
    return Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || Character.getType(codePoint) == Character.FORMAT
        || Character.getType(codePoint) == Character.CONTROL
        || codePoint == 0x115F
        || codePoint == 0x1160
        || codePoint == 0x2800
        || codePoint == 0x3164
        || codePoint == 0xFFA0;
  }
}
