package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kr.dlcourse.models.TorchvisionResNet;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretrained-weights download against a server on 127.0.0.1 serving a ResNet-18 weights file
 * written by the course itself (random weights, torchvision's names and shapes).
 */
class PretrainedWeightsTest {

  static byte[] weights;
  static TestServer server;
  @TempDir static Path tmp;

  @BeforeAll
  static void serve() throws IOException {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      TorchvisionResNet net = TorchvisionResNet.resnet18();
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      Path file = tmp.resolve("written.safetensors");
      net.saveWeights(file);
      weights = Files.readAllBytes(file);
    }
    server = new TestServer(weights);
    Download.retryPauseMillis = 1;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static PretrainedWeights.Source source(String... behaviours) {
    List<String> bases = Stream.of(behaviours).map(server::base).toList();
    PretrainedWeights.Source real = PretrainedWeights.RESNET18_IMAGENET;
    return new PretrainedWeights.Source(real.title(), real.folder(), real.fileName(), bases, real.expected());
  }

  @Test
  void theRealSourceNamesHuggingFacesFile() {
    PretrainedWeights.Source real = PretrainedWeights.RESNET18_IMAGENET;
    assertEquals(
        "https://huggingface.co/timm/resnet18.tv_in1k/resolve/main/model.safetensors",
        Download.addresses(real.fileName(), real.baseUrls(), java.util.Optional.empty()).get(0).toString());
    assertEquals(102, real.expected().size());
  }

  @Test
  void downloadsOnceChecksAndIsFoundAgainWithoutNetwork() throws IOException {
    Path cache = tmp.resolve("cache-good/resnet18.tv_in1k");
    Path file = PretrainedWeights.get(source("good"), List.of(cache), cache);
    assertEquals(cache.resolve("model.safetensors"), file);
    assertEquals(weights.length, Files.size(file));
    int requests = server.requests.size();
    assertEquals(file, PretrainedWeights.get(source("good"), List.of(cache), cache));
    assertEquals(requests, server.requests.size(), "a cached file is found without any network");
    try (NDManager manager = NDManager.newBaseManager()) {
      TorchvisionResNet net = TorchvisionResNet.resnet18();
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      assertEquals(102, net.loadWeights(file).loaded().size());
    }
  }

  @Test
  void resumesAfterADroppedConnection() throws IOException {
    Path cache = tmp.resolve("cache-drop/resnet18.tv_in1k");
    Path file = PretrainedWeights.get(source("drop"), List.of(cache), cache);
    assertEquals(weights.length, Files.size(file));
    assertTrue(server.requests.stream().anyMatch(r -> r.startsWith("/drop/") && r.contains("bytes=")), "resumed with Range");
  }

  @Test
  void aTruncatedDownloadIsRejectedAndTheNextAddressUsed() throws IOException {
    Path cache = tmp.resolve("cache-trunc/resnet18.tv_in1k");
    Path file = PretrainedWeights.get(source("truncated", "good"), List.of(cache), cache);
    assertEquals(weights.length, Files.size(file));
    try (Stream<Path> files = Files.list(cache)) {
      assertEquals(List.of("model.safetensors"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void offlineSaysWhatToDoInKorean() {
    Path cache = tmp.resolve("cache-offline/resnet18.tv_in1k");
    DatasetException e =
        assertThrows(DatasetException.class, () -> PretrainedWeights.get(source("missing", "truncated"), List.of(cache), cache));
    assertTrue(e.getMessage().contains("잘렸습니다"), e.getMessage());
    assertTrue(e.getMessage().contains(DataLocations.DATA_DIR_ENV), e.getMessage());
    assertTrue(e.getMessage().contains("무작위 초기화로 처음부터 학습"), e.getMessage());
    assertFalse(Files.exists(cache.resolve("model.safetensors")), "nothing half-written is trusted");
  }

  @Test
  void aFileInTheDataFolderIsUsedFirstAndAWrongOneNamed() throws IOException {
    Path usb = tmp.resolve("usb/resnet18.tv_in1k");
    Files.createDirectories(usb);
    Files.write(usb.resolve("model.safetensors"), weights);
    Path cache = tmp.resolve("cache-usb/resnet18.tv_in1k");
    int requests = server.requests.size();
    assertEquals(usb.resolve("model.safetensors"), PretrainedWeights.get(source("good"), List.of(usb, cache), cache));
    assertEquals(requests, server.requests.size());

    // another model's file in the data folder: said so, and left there for the student to replace
    Path other = tmp.resolve("usb2/resnet18.tv_in1k");
    Files.createDirectories(other);
    try (NDManager manager = NDManager.newBaseManager()) {
      TorchvisionResNet cifar = TorchvisionResNet.resnet18().cifarVersion(10);
      cifar.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      cifar.saveWeights(other.resolve("model.safetensors"));
    }
    DatasetException e =
        assertThrows(DatasetException.class, () -> PretrainedWeights.get(source("good"), List.of(other, cache), cache));
    assertTrue(e.getMessage().contains("다른 모델의 가중치"), e.getMessage());
    assertTrue(e.getMessage().contains("conv1.weight"), e.getMessage());
    assertTrue(Files.exists(other.resolve("model.safetensors")));

    // a damaged file in the cache is removed so that the next run downloads it again
    Path bad = tmp.resolve("cache-bad/resnet18.tv_in1k");
    Files.createDirectories(bad);
    Files.write(bad.resolve("model.safetensors"), java.util.Arrays.copyOf(weights, 1000));
    DatasetException cut =
        assertThrows(DatasetException.class, () -> PretrainedWeights.get(source("good"), List.of(bad), bad));
    assertTrue(cut.getMessage().contains("잘렸습니다") && cut.getMessage().contains("캐시에서 지웠으니"), cut.getMessage());
    assertFalse(Files.exists(bad.resolve("model.safetensors")));
  }
}
