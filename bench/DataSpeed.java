import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import kr.dlcourse.data.Batch;
import kr.dlcourse.data.Batches;
import kr.dlcourse.data.Cifar10;
import kr.dlcourse.data.ImageDataset;
import kr.dlcourse.data.Normalization;
import kr.dlcourse.data.SyntheticCifar;
import kr.dlcourse.setup.Course;

/**
 * Data-layer speed on a CIFAR-10-sized set (50,000 + 10,000 images): loading the archive from the
 * cache (gunzip, untar, MD5 in the same pass) and iterating shuffled, normalized batches of 128.
 * Uses real CIFAR-10 from $COURSE_DATA_DIR/cache if present, else a full-size synthetic archive.
 */
public class DataSpeed {
  public static void main(String[] args) throws Exception {
    Course.setup();
    Path dir = Path.of(args.length > 0 ? args[0] : "build/bench-data");
    Files.createDirectories(dir);
    Path archive = dir.resolve("cifar-10-binary.tar.gz");
    String md5;
    if (Files.isRegularFile(dir.resolve("real-cifar-10-binary.tar.gz"))) {
      archive = dir.resolve("real-cifar-10-binary.tar.gz");
      md5 = Cifar10.OFFICIAL.md5();
    } else if (Files.isRegularFile(archive)) {
      md5 = kr.dlcourse.data.Checksums.md5(archive);
    } else {
      md5 = SyntheticCifar.writeArchive(archive, 5000, 1000, 1);
    }
    Cifar10.Source source = new Cifar10.Source("CIFAR-10 (bench)", "bench", archive.getFileName().toString(), List.of(), md5);
    // Cifar10.read keeps the last archive in memory; a copy with a new name forces a real load each round
    double[] loadSeconds = new double[3];
    ImageDataset train = null;
    for (int round = 0; round < loadSeconds.length; round++) {
      Path copy = dir.resolve("round-" + round + ".tar.gz");
      Files.copy(archive, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      long start = System.nanoTime();
      Cifar10.Sets sets = Cifar10.loadFile(copy, source);
      loadSeconds[round] = (System.nanoTime() - start) / 1e9;
      train = sets.train();
      Files.delete(copy);
    }
    Arrays.sort(loadSeconds);
    System.out.printf("load %d + 10000 images from the archive: median %.2f s (runs %s)%n",
        train.size(), loadSeconds[1], Arrays.toString(loadSeconds));

    try (NDManager manager = NDManager.newBaseManager()) {
      Batches batches = train.batches(manager, 128).shuffle(42).normalize(Normalization.CIFAR10);
      double[] rates = new double[3];
      for (int epoch = -1; epoch < rates.length; epoch++) { // epoch -1 warms up
        long start = System.nanoTime();
        long images = 0;
        for (Batch b : batches) {
          images += b.size();
          b.x().getShape(); // the batch is computed eagerly; touch it anyway
        }
        if (epoch >= 0) {
          rates[epoch] = batches.count() / ((System.nanoTime() - start) / 1e9);
        }
      }
      Arrays.sort(rates);
      System.out.printf("iterate shuffled, normalized batches of 128: median %.0f batches/s = %.0f images/s (runs %s)%n",
          rates[1], rates[1] * 128, Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()));
    }
  }
}
