package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import kr.dlcourse.notebook.CourseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

  /** Writes a solid-colour PNG of width × height (folders are created). */
  static void png(Path file, int width, int height, int rgb) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[width];
    Arrays.fill(row, rgb);
    for (int y = 0; y < height; y++) {
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    ImageIO.write(image, "png", file.toFile());
  }

  /** cat: a.png red 20×10, b.PNG green 5×7; dog: c.png (100, 150, 200) 16×16; plus files to skip. */
  static Path pets(Path tmp) throws IOException {
    Path root = tmp.resolve("pets");
    png(root.resolve("cat/b.PNG"), 5, 7, 0x00ff00);
    png(root.resolve("cat/a.png"), 20, 10, 0xff0000);
    png(root.resolve("dog/c.png"), 16, 16, 0x6496c8);
    png(root.resolve(".hidden/x.png"), 4, 4, 0xffffff);
    Files.writeString(root.resolve("notes.txt"), "not a class");
    Files.writeString(root.resolve("cat/notes.txt"), "not an image");
    return root;
  }

  @Test
  void loadsClassesLabelsAndResizedPixels(@TempDir Path tmp) throws IOException {
    ImageDataset data = ImageFolder.load(pets(tmp), 8, 8);
    assertEquals("ImageFolder pets", data.name());
    assertEquals(3, data.size());
    assertEquals(List.of("cat", "dog"), data.classNames());
    assertEquals(List.of("cat", "dog"), data.koreanNames());
    assertArrayEquals(new int[] {0, 0, 1}, data.labels());
    assertArrayEquals(new int[] {2, 1}, data.classCounts());
    assertEquals(new Shape(3, 8, 8), data.imageShape());
    byte[] red = data.pixels(0); // a.png, the 20×10 red image
    for (int p = 0; p < 64; p++) {
      assertEquals(255, red[p] & 0xff);
      assertEquals(0, red[64 + p]);
      assertEquals(0, red[128 + p]);
    }
    assertEquals(255, data.pixels(1)[64] & 0xff, "b.PNG is green");
    assertEquals(0xff0000, data.image(0).getRGB(7, 7) & 0xffffff);
  }

  @Test
  void greyUsesLuminanceWeights(@TempDir Path tmp) throws IOException {
    ImageDataset grey = ImageFolder.load(pets(tmp), 4, 6, 1);
    assertEquals(new Shape(1, 6, 4), grey.imageShape());
    long expected = Math.round(0.299 * 100 + 0.587 * 150 + 0.114 * 200); // 141
    for (byte v : grey.pixels(2)) {
      assertEquals(expected, v & 0xff);
    }
    assertEquals(Math.round(0.299 * 255), grey.pixels(0)[0] & 0xff);
  }

  @Test
  void badFoldersAreRefusedWithWhatToDo(@TempDir Path tmp) throws IOException {
    Path missing = tmp.resolve("nowhere");
    assertMessage(() -> ImageFolder.load(missing, 8, 8), "nowhere", "없습니다", "경로를 확인하세요", "root/<클래스>/<이미지 파일>");
    Path file = Files.writeString(tmp.resolve("file.txt"), "x");
    assertMessage(() -> ImageFolder.load(file, 8, 8), "file.txt", "폴더가 아니라 파일입니다", "root/<클래스>/<이미지 파일>");

    Path flat = tmp.resolve("flat");
    png(flat.resolve("a.png"), 2, 2, 0);
    png(flat.resolve(".hidden/b.png"), 2, 2, 0);
    assertMessage(() -> ImageFolder.load(flat, 8, 8), "클래스 하위 폴더가 없습니다", "root/<클래스>/<이미지 파일>");

    Path root = pets(tmp);
    Files.createDirectories(root.resolve("empty"));
    Files.writeString(root.resolve("empty/readme.txt"), "x");
    assertMessage(() -> ImageFolder.load(root, 8, 8), "empty", "이미지(", "없습니다", "이 폴더를 지우세요");

    Path broken = pets(tmp.resolve("again"));
    Files.writeString(broken.resolve("dog/broken.jpg"), "not really a jpeg");
    assertMessage(() -> ImageFolder.load(broken, 8, 8), "broken.jpg", "읽을 수 없습니다", "지우거나 바꾼 뒤");
  }

  @Test
  void badSizesAreIllegalArguments(@TempDir Path tmp) {
    assertIllegal(() -> ImageFolder.load(tmp, 0, 8), "width 0, height 8", "1 이상");
    assertIllegal(() -> ImageFolder.load(tmp, 8, -3), "height -3", "예: ImageFolder.load(path, 64, 64)");
    assertIllegal(() -> ImageFolder.load(tmp, 8, 8, 2), "channels는 1(흑백)이나 3(RGB)", "(받은 값: 2)");
  }

  private static void assertMessage(Executable load, String... words) {
    DatasetException e = assertThrows(DatasetException.class, load);
    assertEquals("데이터 오류", e.title());
    String message = e.getMessage();
    for (String word : words) {
      assertTrue(message.contains(word), "\"" + word + "\" missing in: " + message);
    }
  }

  private static void assertIllegal(Executable load, String... words) {
    CourseException e = assertThrows(CourseException.class, load);
    assertEquals("인자 오류", e.title(), e.toString());
    String message = e.getMessage();
    for (String word : words) {
      assertTrue(message.contains(word), "\"" + word + "\" missing in: " + message);
    }
  }
}
