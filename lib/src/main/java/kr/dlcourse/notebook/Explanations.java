package kr.dlcourse.notebook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the engine's English errors for everyday mistakes (an image of the wrong shape or type into
 * a model, a label out of range, a reshape that does not fit) into a {@link CourseException}: what
 * the layer expected, what it got, and what to change. The course kernel asks it about every error
 * a cell ends with; errors it does not know keep their stack trace.
 *
 * <pre>{@code
 * CourseException e = Explanations.explain(engineException);   // null if not an everyday mistake
 * }</pre>
 */
public final class Explanations {

  private Explanations() {}

  private static final Map<Pattern, Function<Matcher, CourseException>> KNOWN = Map.of(
      Pattern.compile("Given groups=(\\d+), weight of size \\[([\\d, ]+)\\], expected input\\[([\\d, ]+)\\] to have (\\d+) channels, but got (\\d+) channels instead"),
      Explanations::channels,
      Pattern.compile("Expected (\\d)D \\(unbatched\\) or (\\d)D \\(batched\\) input to (conv\\w*|\\w*pool\\w*), but got input of size: \\[([\\d, ]*)\\]"),
      Explanations::dimensions,
      Pattern.compile("mat1 and mat2 shapes cannot be multiplied \\((\\d+)x(\\d+) and (\\d+)x(\\d+)\\)"),
      Explanations::features,
      Pattern.compile("Input type \\(([\\w ]+)\\) and (?:bias|weight) type \\(([\\w ]+)\\) should be the same"),
      m -> dataType(m.group(1), m.group(2)),
      Pattern.compile("mat1 and mat2 must have the same dtype, but got (\\w+) and (\\w+)"),
      m -> dataType(m.group(1), m.group(2)),
      Pattern.compile("expected scalar type (\\w+) but found (\\w+)"),
      m -> dataType(m.group(2), m.group(1)),
      Pattern.compile("index (-?\\d+) is out of bounds for dimension (\\d+) with size (\\d+)"),
      Explanations::index,
      Pattern.compile("shape '\\[([-\\d, ]*)\\]' is invalid for input of size (\\d+)"),
      Explanations::reshape,
      Pattern.compile("Fontconfig head is null"),
      m -> new CourseException("글꼴 오류", "이 컴퓨터에 글꼴 설정(fontconfig)이 없어 Java가 이미지에 글자를 그릴 수 없습니다."
          + " Debian/Ubuntu에서는 sudo apt install fontconfig fonts-nanum 으로 설치한 뒤 커널을 다시 시작하세요(Kernel → Restart Kernel)."),
      Pattern.compile("The size of tensor a \\((\\d+)\\) must match the size of tensor b \\((\\d+)\\) at non-singleton dimension (\\d+)"),
      m -> CourseException.shape("두 배열의 " + m.group(3) + "번 차원 크기가 " + m.group(1) + "과(와) " + m.group(2)
          + "(으)로 달라 함께 계산할 수 없습니다. 크기가 같거나 한쪽이 1인 차원끼리만 계산됩니다(브로드캐스팅):"
          + " 두 배열의 getShape()를 출력해 어느 쪽을 reshape 해야 하는지 확인하세요."));

  /**
   * The Korean explanation of {@code error} or of one of its causes, or {@code null} when it is not
   * an everyday mistake the course knows. A {@link CourseException} explains itself.
   */
  public static CourseException explain(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CourseException known) {
        return known;
      }
      if (t instanceof OutOfMemoryError) {
        return new CourseException("메모리 부족", outOfMemory(t.getMessage()), error);
      }
      Matcher engineOut = t.getMessage() == null ? null : ENGINE_OUT_OF_MEMORY.matcher(t.getMessage());
      if (engineOut != null && engineOut.find()) {
        return new CourseException("메모리 부족", "엔진이 텐서에 쓸 메모리(" + approximately(Long.parseLong(engineOut.group(1)))
            + ")를 컴퓨터에서 얻지 못했습니다. 배치 크기나 이미지·모델의 크기를 줄이고, 쓰지 않는 노트북의 커널은 종료하세요"
            + " (Kernel → Shut Down Kernel). 커널은 계속 쓸 수 있습니다.", error);
      }
      String message = t.getMessage();
      if (t instanceof UnsupportedOperationException && notImplemented(t)) {
        return new CourseException("지원되지 않음", "이 엔진(PyTorch)에서 DJL이 구현하지 않은 연산입니다: "
            + notImplementedWhat(t) + " 코스의 것을 쓰세요. 예: RmsProp.builder().optLearningRateTracker(Tracker.fixed(1e-4f)).build()", error);
      }
      if (message == null) {
        continue;
      }
      for (var entry : KNOWN.entrySet()) {
        Matcher m = entry.getKey().matcher(message);
        if (m.find()) {
          CourseException explained = entry.getValue().apply(m);
          return new CourseException(explained.title(), explained.getMessage(), error);
        }
      }
    }
    return null;
  }

  /** PyTorch's CPU allocator when the machine has no memory left for a tensor. */
  private static final Pattern ENGINE_OUT_OF_MEMORY = Pattern.compile("can't allocate memory: you tried to allocate (\\d+) bytes");

  private static String approximately(long bytes) {
    return bytes >= 1L << 30 ? String.format("약 %,.1f GB", bytes / (double) (1L << 30)) : String.format("약 %,d MB", Math.max(1, bytes >> 20));
  }

  /** The Java heap's cap was reached: what to lower, or how to give the kernel more. */
  static String outOfMemory(String detail) {
    String why = detail != null && detail.contains("array size")
        ? "Java 배열 하나에 담을 수 있는 것보다 큰 배열(원소 약 21억 개 이상)을 만들려 했습니다."
        : String.format("이 셀이 커널의 Java 힙 한도(%,d MB)보다 많은 메모리를 쓰려 했습니다.", Runtime.getRuntime().maxMemory() >> 20);
    return why + " 커널은 계속 쓸 수 있습니다. 한 번에 올리는 데이터(이미지 수, 배치 크기, 큰 배열)를 줄이거나, 다 쓴 큰 변수에"
        + " null을 넣어 비우세요. 한도를 올리려면 터미널에서 강의 폴더의 ./install-kernel.sh --max-heap 4g 를 실행한 뒤 커널을 다시 시작하세요"
        + " (Kernel → Restart Kernel).";
  }

  private static boolean notImplemented(Throwable t) {
    return "Not implemented".equals(t.getMessage()) && t.getStackTrace().length > 0
        && t.getStackTrace()[0].getMethodName().equals("rmspropUpdate");
  }

  private static String notImplementedWhat(Throwable t) {
    return "Optimizer.rmsprop()의 업데이트(rmspropUpdate)는 구현되어 있지 않습니다.";
  }

  private static CourseException channels(Matcher m) {
    long[] weight = longs(m.group(2));
    long[] input = longs(m.group(3));
    long expected = Long.parseLong(m.group(4));
    long got = Long.parseLong(m.group(5));
    String what = "입력 " + shape(input) + "의 채널 수는 " + got + "인데, 이 합성곱 층(가중치 " + shape(weight) + ")은 "
        + expected + "채널 이미지를 받습니다. 이미지는 (배치, 채널, 높이, 너비) 순서여야 합니다: ";
    String todo;
    if (input.length == 4 && input[3] == expected) {
      todo = "마지막 차원이 " + expected + "이니 (배치, 높이, 너비, 채널) 순서로 보입니다. x.transpose(0, 3, 1, 2)로 채널을 앞으로 옮기세요.";
    } else if (got == 1 && expected == 3) {
      todo = "흑백(1채널) 이미지를 컬러(3채널) 모델에 넣었습니다. 데이터셋과 모델이 짝이 맞는지 확인하세요.";
    } else if (got == 3 && expected == 1) {
      todo = "컬러(3채널) 이미지를 흑백(1채널) 모델에 넣었습니다. 데이터셋과 모델이 짝이 맞는지 확인하세요.";
    } else {
      todo = "모델 앞쪽 층의 출력 채널 수와 이 층이 받는 채널 수가 맞는지, 입력의 모양이 (N, " + expected + ", H, W)인지 확인하세요.";
    }
    return CourseException.shape(what + todo + " (배치 차원 없이 (C, H, W)를 넣으면 엔진이 앞에 1을 붙여 보여 줍니다: x.expandDims(0)로 배치 차원을 만드세요.)");
  }

  private static CourseException dimensions(Matcher m) {
    long[] input = longs(m.group(4));
    String example = input.length == 2
        ? "한 장의 흑백 이미지라면 x.reshape(1, 1, " + input[0] + ", " + input[1] + ")로 바꾸세요."
        : "x.reshape(...)로 (배치, 채널, 높이, 너비) 모양을 만드세요.";
    return CourseException.shape("합성곱·풀링 층은 (배치, 채널, 높이, 너비) " + m.group(2) + "차원 입력을 받는데, " + shape(input) + " ("
        + input.length + "차원)을 받았습니다. " + example);
  }

  private static CourseException features(Matcher m) {
    long rows = Long.parseLong(m.group(1));
    long given = Long.parseLong(m.group(2));
    long expected = Long.parseLong(m.group(3));
    long units = Long.parseLong(m.group(4));
    return CourseException.shape("완전연결 층(Linear, 출력 " + units + "개)은 샘플마다 " + expected + "개의 값을 받도록 초기화되었는데, "
        + given + "개를 받았습니다 (" + rows + "행 × " + given + "열). 이미지라면 채널×높이×너비가 " + expected
        + "이어야 합니다: 입력 이미지의 크기와 채널 수, 앞쪽 합성곱·풀링 층을 확인하고, Linear 앞에 Blocks.batchFlattenBlock()이 있는지 보세요."
        + " 모델을 바꿨다면 모델을 만드는 셀부터 다시 실행하세요 (층은 처음 본 입력 크기로 초기화됩니다).");
  }

  private static CourseException dataType(String given, String expected) {
    String todo = "x.toType(DataType." + djlType(expected) + ", false)로 바꾸세요.";
    if (djlType(given).equals("UINT8")) {
      todo = "이미지 바이트(0~255)라면 x.toType(DataType.FLOAT32, false).div(255f)로 0~1 실수로 바꾸세요.";
    } else if (djlType(given).equals("FLOAT64")) {
      todo += " Java의 double[]로 만든 배열은 FLOAT64입니다: float[]로 만들거나 바꾸세요.";
    }
    return new CourseException("자료형 오류", "입력의 자료형이 " + djlType(given) + "인데 모델의 가중치는 " + djlType(expected)
        + "입니다. " + todo);
  }

  private static CourseException index(Matcher m) {
    long index = Long.parseLong(m.group(1));
    long size = Long.parseLong(m.group(3));
    return CourseException.shape("인덱스 " + index + "이(가) 크기 " + size + "인 " + m.group(2) + "번 차원의 범위(0~" + (size - 1)
        + ")를 벗어났습니다. 손실을 계산하는 중이었다면 레이블이 0~" + (size - 1) + " 사이인지, 모델의 출력 수(마지막 Linear의 units)가"
        + " 클래스 수와 같은지 확인하세요.");
  }

  private static CourseException reshape(Matcher m) {
    long[] target = longs(m.group(1));
    long size = Long.parseLong(m.group(2));
    long product = Arrays.stream(target).filter(d -> d >= 0).reduce(1, (a, b) -> a * b);
    return CourseException.shape("원소 " + size + "개인 배열을 " + shape(target) + " 모양(원소 " + product + "개)으로 바꿀 수 없습니다."
        + " 모양의 곱이 원소 수와 같아야 합니다: 한 차원을 -1로 두면 나머지에서 계산됩니다.");
  }

  private static String djlType(String torchName) {
    return switch (torchName.toLowerCase(Locale.ROOT)) {
      case "double" -> "FLOAT64";
      case "float" -> "FLOAT32";
      case "half" -> "FLOAT16";
      case "unsigned char", "byte" -> "UINT8";
      case "char" -> "INT8";
      case "long" -> "INT64";
      case "int" -> "INT32";
      case "bool" -> "BOOLEAN";
      default -> torchName;
    };
  }

  private static long[] longs(String list) {
    return list.isBlank() ? new long[0] : Arrays.stream(list.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
  }

  private static String shape(long[] dims) {
    return "(" + String.join(", ", Arrays.stream(dims).mapToObj(Long::toString).toArray(String[]::new)) + ")";
  }
}
