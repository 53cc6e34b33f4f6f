package kr.dlcourse.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 and SHA-256 digests of files and byte arrays, as lowercase hex. */
public final class Checksums {

  private Checksums() {}

  public static String md5(Path file) throws IOException {
    return digest("MD5", file);
  }

  public static String sha256(Path file) throws IOException {
    return digest("SHA-256", file);
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest("SHA-256").digest(bytes));
  }

  static String digest(String algorithm, Path file) throws IOException {
    MessageDigest digest = newDigest(algorithm);
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
    }
  }
}
