package kr.dlcourse.notebook;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Numbers in messages, written for people: {@code Numbers.human(0.10000000149011612)} is {@code
 * "0.1"}. Every Korean message of the helper uses it.
 */
public final class Numbers {

  private Numbers() {}

  /** 3 significant digits without float noise: 0.1, not 0.10000000149011612; 3, not 3.0. */
  public static String human(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
      return value == 0 ? "0" : String.valueOf(value);
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros();
    double magnitude = Math.abs(value);
    return magnitude >= 1e-4 && magnitude < 1e7 ? rounded.toPlainString() : rounded.toString();
  }

  /** Each value by {@link #human(double)}: [0.247, 0.244, 0.262]. */
  public static String human(float[] values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      out.append(i > 0 ? ", " : "").append(human(values[i]));
    }
    return out.append(']').toString();
  }

  /** A byte count with thousands separators: "47,040,016 바이트". */
  public static String bytes(long count) {
    return String.format("%,d 바이트", count);
  }

  /** A duration for people: "45초", "3분 20초", "2시간 5분" (seconds dropped past an hour). */
  public static String duration(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    if (s < 60) {
      return s + "초";
    }
    if (s < 3600) {
      return (s / 60) + "분" + (s % 60 == 0 ? "" : " " + (s % 60) + "초");
    }
    long minutes = Math.round(s / 60.0);
    return (minutes / 60) + "시간" + (minutes % 60 == 0 ? "" : " " + (minutes % 60) + "분");
  }
}
