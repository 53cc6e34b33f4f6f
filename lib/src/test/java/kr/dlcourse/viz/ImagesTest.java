package kr.dlcourse.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.Font;
import java.awt.image.BufferedImage;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImagesTest {

  static NDManager manager;

  @BeforeAll
  static void start() {
    Course.setup();
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  @Test
  void rgbFloatTensorsBecomeRgbPixels() {
    // channel 0 (red) is 1 on the left column, blue 0.5 everywhere, values above 1 are clipped
    NDArray image = manager.zeros(new Shape(3, 2, 2));
    image.set(new ai.djl.ndarray.index.NDIndex("0, :, 0"), 3f);
    image.set(new ai.djl.ndarray.index.NDIndex("2"), 0.5f);
    int arraysBefore = manager.getManagedArrays().size();
    BufferedImage picture = Images.fromTensor(image);

    assertEquals(2, picture.getWidth());
    assertEquals(2, picture.getHeight());
    assertEquals(0xff0080, picture.getRGB(0, 1) & 0xffffff);
    assertEquals(0x000080, picture.getRGB(1, 0) & 0xffffff);
    assertEquals(
        arraysBefore, manager.getManagedArrays().size(), "no temporary array is left behind");
  }

  @Test
  void greyUint8ImagesKeepTheirValues() {
    NDArray image = manager.create(new byte[] {0, 127, (byte) 200, (byte) 255}, new Shape(2, 2));
    BufferedImage picture = Images.fromTensor(image.toType(DataType.UINT8, false));
    assertEquals(0x7f7f7f, picture.getRGB(1, 0) & 0xffffff);
    assertEquals(0xc8c8c8, picture.getRGB(0, 1) & 0xffffff);
  }

  @Test
  void aBatchIsRefusedWithAHint() {
    NDArray batch = manager.zeros(new Shape(8, 3, 32, 32));
    CourseException e = assertThrows(CourseException.class, () -> Images.fromTensor(batch));
    assertEquals("모양 오류", e.title());
    assertTrue(e.getMessage().contains("(받은 모양: (8, 3, 32, 32))"), e.getMessage());
    assertTrue(e.getMessage().contains("Images.fromTensor(batch.get(0))"), e.getMessage());
    e = assertThrows(CourseException.class, () -> Images.fromTensor(manager.zeros(new Shape(32, 32, 3))));
    assertTrue(e.getMessage().contains("transpose(2, 0, 1)"), e.getMessage());
  }

  @Test
  void scalingKeepsPixelsSharpAndTitlesAddAStrip() {
    BufferedImage small = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
    small.setRGB(0, 0, 0xff0000);
    BufferedImage big = Images.scale(small, 4);
    assertEquals(8, big.getWidth());
    assertEquals(0xff0000, big.getRGB(3, 3) & 0xffffff);
    assertEquals(0x000000, big.getRGB(4, 3) & 0xffffff);

    BufferedImage titled = Images.titled(big, "고양이");
    assertTrue(titled.getHeight() > big.getHeight());
    assertTrue(titled.getWidth() >= big.getWidth());
    CourseException e = assertThrows(CourseException.class, () -> Images.scale(small, 0));
    assertTrue(e.getMessage().contains("확대 배율(factor)은 1 이상의 정수여야 합니다 (받은 값: 0)"), e.getMessage());
    e = assertThrows(CourseException.class, () -> ImageGrid.of(java.util.List.of(), 5));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("보여 줄 이미지가 없습니다"), e.getMessage());
    e = assertThrows(CourseException.class, () -> ImageGrid.of(java.util.List.of(small), 0));
    assertTrue(e.getMessage().contains("columns(한 줄의 이미지 수)는 1 이상이어야 합니다 (받은 값: 0)"), e.getMessage());
  }

  @Test
  void aHangulFontIsFound() {
    // The course installs fonts-nanum (see .ci/run); without such a font, titles become boxes.
    String family =
        Fonts.hangulFamily()
            .orElseThrow(() -> new AssertionError("no font with Hangul: apt install fonts-nanum"));
    assertEquals(-1, new Font(family, Font.PLAIN, 12).canDisplayUpTo("한글 제목"), family);
  }
}
