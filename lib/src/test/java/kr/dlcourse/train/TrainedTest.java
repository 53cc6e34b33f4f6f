package kr.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.dlcourse.data.Cifar10;
import kr.dlcourse.data.Cifar10Data;
import kr.dlcourse.data.SyntheticCifar;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;

/** Notebooks 03 and 04 get notebook 02's CNN_V1 in one call: trained once, then loaded. */
class TrainedTest {

  @Test
  void cnnV1TrainsOnceAndIsLoadedByTheNextCall() throws Exception {
    Course.setup();
    Path file = Files.createTempFile("trained-test", ".tar.gz");
    String md5 = SyntheticCifar.writeArchive(file, 20, 10, 3);
    Cifar10.Sets sets = Cifar10.loadFile(file, new Cifar10.Source("synthetic", "x", "x", List.of(), md5));
    Cifar10Data data = Cifar10Data.prepare(sets.train(), sets.test());
    Files.deleteIfExists(Checkpoints.file("lesson1_cnn_v1"));
    Files.deleteIfExists(Checkpoints.file("lesson1_cnn_v1").resolveSibling("lesson1_cnn_v1-" + Course.mode().name().toLowerCase() + ".experiment.txt"));
    int epochs = Course.fullOrQuick(10, 3);
    double accuracy;
    try (Trained first = Trained.cnnV1(data)) {
      assertEquals(epochs, first.history().size());
      assertEquals("CNN_V1", first.history().name());
      accuracy = first.evaluate(data.testLoader()).accuracy();
    }
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try (Trained again = Trained.cnnV1(data)) {
      assertEquals(epochs, again.history().size());
      assertEquals(accuracy, again.evaluate(data.testLoader()).accuracy(), 1e-9);
    } finally {
      System.setOut(out);
    }
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("불러왔습니다"), printed.toString(StandardCharsets.UTF_8));
  }
}
