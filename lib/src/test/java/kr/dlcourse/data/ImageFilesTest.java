package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

  @TempDir Path dir;
  private NDManager manager;

  @BeforeEach
  void open() {
    Course.setup();
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** A "7" drawn with a thick pen on a 140×140 canvas, in the given colours. */
  private static BufferedImage seven(Color pen, Color background, int type) {
    BufferedImage image = new BufferedImage(140, 140, type);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    if (background != null) {
      g.setColor(background);
      g.fillRect(0, 0, 140, 140);
    }
    g.setColor(pen);
    g.setStroke(new BasicStroke(14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.drawLine(35, 30, 105, 30); // the bar
    g.drawLine(105, 30, 60, 115); // the stem
    g.dispose();
    return image;
  }

  private Path write(BufferedImage image, String format, String name) throws Exception {
    Path file = dir.resolve(name);
    assertTrue(ImageIO.write(image, format, file.toFile()), "a writer for " + format);
    return file;
  }

  private static float borderMean(float[] v, int w, int h) {
    double sum = 0;
    int n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (y == 0 || x == 0 || y == h - 1 || x == w - 1) {
          sum += v[y * w + x];
          n++;
        }
      }
    }
    return (float) (sum / n);
  }

  @Test
  void aWhiteDigitOnBlackStaysAndADarkOneOnWhiteIsInverted() throws Exception {
    Path light = write(seven(Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), "png", "white-on-black.png");
    Path dark = write(seven(Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB), "png", "black-on-white.png");

    NDArray a = ImageFiles.mnistTensor(light, manager);
    NDArray b = ImageFiles.mnistTensor(dark, manager);
    for (NDArray x : new NDArray[] {a, b}) {
      assertEquals(new Shape(1, 1, 28, 28), x.getShape());
      assertEquals(DataType.FLOAT32, x.getDataType());
      assertTrue(x.min().getFloat() >= 0f && x.max().getFloat() <= 1f, "in [0, 1]");
      float[] v = x.toFloatArray();
      assertEquals(0f, borderMean(v, 28, 28), 1e-6, "a black background");
      // the bar at y = 30 of 140 is row 6 of 28 (30 / 5); its middle, x = 70, is column 14
      assertTrue(v[6 * 28 + 14] > 0.9f, "the bar is white: " + v[6 * 28 + 14]);
      assertTrue(v[6 * 28 + 3] < 0.01f, "left of the bar is black");
      assertTrue(v[20 * 28 + 20] < 0.01f, "right of the stem at the bottom is black");
      double ink = x.sum().getFloat() / (28 * 28);
      assertTrue(ink > 0.05 && ink < 0.3, "a stroke, not a filled image: " + ink);
    }
    // the inverted dark digit is the light one, up to rounding of the scaled pixels
    assertTrue(a.allClose(b, 0, 1.5 / 255, false), "max difference " + a.sub(b).abs().max().getFloat());
    assertTrue(a.max().getFloat() > 0.99f, "white strokes reach 1");
  }

  @Test
  void aJpegATransparentPngAndOtherSizesWork() throws Exception {
    Path png = write(seven(Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), "png", "seven.png");
    NDArray reference = ImageFiles.mnistTensor(png, manager);

    // a JPEG of the dark-on-white digit: inverted too, close to the PNG but for compression noise
    Path jpg = write(seven(Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB), "jpg", "seven.jpg");
    NDArray fromJpeg = ImageFiles.mnistTensor(jpg, manager);
    assertEquals(new Shape(1, 1, 28, 28), fromJpeg.getShape());
    assertTrue(fromJpeg.min().getFloat() >= 0f && fromJpeg.max().getFloat() <= 1f);
    assertTrue(borderMean(fromJpeg.toFloatArray(), 28, 28) < 0.02f, "inverted: dark background");
    float worst = fromJpeg.sub(reference).abs().max().getFloat();
    assertTrue(worst < 0.1f, "JPEG close to PNG: " + worst);

    // a pen stroke on a transparent background reads as dark on white, so it is inverted too
    Path transparent =
        write(seven(Color.BLACK, null, BufferedImage.TYPE_INT_ARGB), "png", "transparent.png");
    NDArray fromTransparent = ImageFiles.mnistTensor(transparent, manager);
    assertTrue(fromTransparent.allClose(reference, 0, 1.5 / 255, false),
        "max difference " + fromTransparent.sub(reference).abs().max().getFloat());

    // any size: width 20, height 10 gives (1, 1, 10, 20)
    NDArray small = ImageFiles.greyTensor(png, 20, 10, manager);
    assertEquals(new Shape(1, 1, 10, 20), small.getShape());
    // the picture shows the same pixels
    BufferedImage shown = ImageFiles.greyImage(png, 28, 28);
    assertEquals(28, shown.getWidth());
    assertEquals(Math.round(reference.getFloat(0, 0, 6, 14) * 255), shown.getRaster().getSample(14, 6, 0));
  }

  @Test
  void colourBecomesGreyAsPilConvertL() throws Exception {
    // L = round(0.299 R + 0.587 G + 0.114 B): pure red 76 (dark: kept), pure green 150 (light:
    // inverted to 255 - 150 = 105)
    BufferedImage red = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
    BufferedImage green = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 30; x++) {
        red.setRGB(x, y, 0xff0000);
        green.setRGB(x, y, 0x00ff00);
      }
    }
    NDArray r = ImageFiles.greyTensor(write(red, "png", "red.png"), 7, 7, manager);
    NDArray g = ImageFiles.greyTensor(write(green, "png", "green.png"), 7, 7, manager);
    assertTrue(r.allClose(manager.full(new Shape(1, 1, 7, 7), 76 / 255f), 0, 1e-6, false), r.toString());
    assertTrue(g.allClose(manager.full(new Shape(1, 1, 7, 7), 105 / 255f), 0, 1e-6, false), g.toString());
  }

  @Test
  void aMissingOrUnreadableFileIsOneKoreanLine() throws Exception {
    Path missing = dir.resolve("no-such-digit.png");
    CourseException e = assertThrows(CourseException.class, () -> ImageFiles.mnistTensor(missing, manager));
    assertEquals("데이터 오류", e.title());
    assertTrue(e.getMessage().startsWith("이미지 파일 " + missing.toAbsolutePath() + "이(가) 없습니다."), e.getMessage());
    assertTrue(e.toString().startsWith("데이터 오류: "));

    CourseException folder = assertThrows(CourseException.class, () -> ImageFiles.mnistTensor(dir, manager));
    assertEquals("데이터 오류", folder.title());
    assertTrue(folder.getMessage().contains("은(는) 폴더입니다"), folder.getMessage());

    Path text = dir.resolve("not-an-image.png");
    Files.writeString(text, "hello");
    CourseException unreadable = assertThrows(CourseException.class, () -> ImageFiles.mnistTensor(text, manager));
    assertEquals("데이터 오류", unreadable.title());
    assertTrue(unreadable.getMessage().startsWith("이미지 " + text.toAbsolutePath() + "을(를) 읽을 수 없습니다"),
        unreadable.getMessage());

    Path png = write(seven(Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB), "png", "seven.png");
    CourseException size = assertThrows(CourseException.class, () -> ImageFiles.greyTensor(png, 0, 28, manager));
    assertEquals("인자 오류", size.title());
    assertTrue(size.getMessage().contains("(받은 값: width 0, height 28)"), size.getMessage());
    CourseException noManager = assertThrows(CourseException.class, () -> ImageFiles.greyTensor(png, 28, 28, null));
    assertEquals("인자 오류", noManager.title());
    assertEquals(0, manager.getManagedArrays().size(), "nothing made on a failure");
  }
}
