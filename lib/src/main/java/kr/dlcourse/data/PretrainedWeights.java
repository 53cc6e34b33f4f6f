package kr.dlcourse.data;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.dlcourse.models.TorchvisionResNet;
import kr.dlcourse.nn.SafeTensors;

/**
 * Pretrained weights, downloaded once into the course cache with the course's download code
 * (progress bar, resume, retries, check before the file is moved into place) and found first in
 * {@code COURSE_DATA_DIR}, like the datasets.
 *
 * <pre>{@code
 * Path file = PretrainedWeights.resnet18ImageNet();   // ~47 MB, once
 * net.loadWeights(file);
 * }</pre>
 *
 * <p><b>The file.</b> torchvision's ResNet-18 ImageNet weights ({@code IMAGENET1K_V1}) are
 * published in the safetensors format as {@code model.safetensors} of the Hugging Face model
 * {@code timm/resnet18.tv_in1k}: same tensor names as torchvision's {@code state_dict()}. The
 * course never loads pickled {@code .pth} files, which can run code when opened.
 *
 * <p><b>How it is checked.</b> Not by a SHA-256: the machines this course was built on could not
 * reach Hugging Face, so its published hash could not be read and verified, and a constant nobody
 * checked would be worse than none. Instead a downloaded or found file must be a well-formed
 * safetensors file (header parses; the byte ranges of its tensors tile the data exactly and end at
 * the end of the file, which catches a file cut short) that holds every ResNet-18 parameter under
 * torchvision's name with torchvision's shape (1000 classes), as floats. This catches truncation, a
 * damaged header and a wrong file; it cannot catch bytes changed inside a tensor.
 */
public final class PretrainedWeights {

  /**
   * A weights file: where it comes from and which tensors it must hold.
   *
   * @param title shown in messages
   * @param folder its folder in the cache and in {@code COURSE_DATA_DIR}
   * @param fileName the file's name there and at the addresses
   * @param baseUrls download addresses (the file name is appended)
   * @param expected name → shape of every tensor the file must hold
   */
  public record Source(
      String title, String folder, String fileName, List<String> baseUrls, Map<String, Shape> expected) {}

  /** torchvision's ResNet-18 ImageNet weights, from {@code timm/resnet18.tv_in1k} on Hugging Face. */
  public static final Source RESNET18_IMAGENET =
      new Source(
          "ResNet-18 ImageNet 가중치 (timm/resnet18.tv_in1k)",
          "resnet18.tv_in1k",
          "model.safetensors",
          List.of("https://huggingface.co/timm/resnet18.tv_in1k/resolve/main/"),
          TorchvisionResNet.resnet18Shapes(1000));

  private PretrainedWeights() {}

  /**
   * The ResNet-18 ImageNet weights file: found in {@code $COURSE_DATA_DIR/resnet18.tv_in1k/} or
   * the cache, else downloaded (about 47 MB) into the cache.
   *
   * @throws DatasetException if it cannot be downloaded (offline) or is damaged, in Korean, with
   *     what to do
   */
  public static Path resnet18ImageNet() {
    return get(RESNET18_IMAGENET);
  }

  /** The file if it is already on this computer (data folder or cache), with no network. */
  public static java.util.Optional<Path> findResnet18ImageNet() {
    return find(
        RESNET18_IMAGENET,
        DataLocations.searchPath(RESNET18_IMAGENET.folder()),
        DataLocations.cacheDir(RESNET18_IMAGENET.folder()));
  }

  /** A weights file: found, verified, else downloaded and verified. */
  public static Path get(Source source) {
    return get(source, DataLocations.searchPath(source.folder()), DataLocations.cacheDir(source.folder()));
  }

  static Path get(Source source, List<Path> dirs, Path cacheDir) {
    return find(source, dirs, cacheDir)
        .orElseGet(
            () -> {
              try {
                return Download.fetch(
                    cacheDir,
                    source.fileName(),
                    Download.addresses(source.fileName(), source.baseUrls()),
                    f -> problem(f, source),
                    howToGetByHand(source));
              } catch (DatasetException e) {
                throw new DatasetException(
                    source.title() + "를 구하지 못했습니다. " + e.getMessage()
                        + "\n가중치 없이도 괜찮습니다: 무작위 초기화로 처음부터 학습하면 됩니다 (시간이 더 걸리고 정확도는 낮습니다).",
                    e);
              }
            });
  }

  static java.util.Optional<Path> find(Source source, List<Path> dirs, Path cacheDir) {
    for (Path dir : dirs) {
      // only inside the model's own folder: "model.safetensors" alone names no model
      if (!dir.getFileName().toString().equals(source.folder())) {
        continue;
      }
      Path candidate = dir.resolve(source.fileName());
      if (Files.isRegularFile(candidate)) {
        String problem;
        try {
          problem = problem(candidate, source);
        } catch (IOException e) {
          problem = "읽을 수 없습니다 (" + Download.describe(e) + ")";
        }
        if (problem != null) {
          throw rejected(candidate, source, problem, cacheDir);
        }
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * What is wrong with a weights file, as {@link Download.Check} says it, or null: its structure
   * ({@link SafeTensors#problem}), then every expected tensor's name, shape and float type.
   */
  static String problem(Path file, Source source) throws IOException {
    String structure = SafeTensors.problem(file);
    if (structure != null) {
      return structure;
    }
    SafeTensors tensors = SafeTensors.open(file);
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Shape> e : source.expected().entrySet()) {
      SafeTensors.Entry entry = tensors.entry(e.getKey());
      if (entry == null) {
        wrong.add(e.getKey() + " 없음");
      } else if (!entry.isFloat() || !entry.shape().equals(e.getValue())) {
        wrong.add(e.getKey() + ": " + entry.dtype() + " " + entry.shape() + ", 예상 " + e.getValue());
      }
    }
    if (wrong.isEmpty()) {
      return null;
    }
    return "다른 모델의 가중치이거나 손상되었습니다 ("
        + String.join(", ", wrong.subList(0, Math.min(4, wrong.size())))
        + (wrong.size() > 4 ? ", … 모두 " + wrong.size() + "개" : "")
        + ")";
  }

  private static String howToGetByHand(Source source) {
    return source.baseUrls().isEmpty()
        ? ""
        : "원래 주소: " + source.baseUrls().get(0) + source.fileName() + " (받은 파일을 "
            + source.folder() + "/" + source.fileName() + " 이름 그대로 두세요).";
  }

  private static DatasetException rejected(Path file, Source source, String why, Path cacheDir) {
    boolean inCache = file.toAbsolutePath().startsWith(cacheDir.toAbsolutePath());
    String action;
    if (inCache) {
      try {
        Files.deleteIfExists(file);
        action = "캐시에서 지웠으니 셀을 다시 실행하면 새로 내려받습니다.";
      } catch (IOException e) {
        action = "이 파일을 직접 지우고 셀을 다시 실행하면 새로 내려받습니다.";
      }
    } else {
      action = "이 파일을 원본으로 바꾸거나 지운 뒤 셀을 다시 실행하세요. " + howToGetByHand(source);
    }
    return new DatasetException(source.title() + " 파일이 " + why + ": " + file + ". " + action);
  }
}
