package dev.responders.tools.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The size of a function's artifact as Lambda receives it: the folder zipped (deflated), as sam packages it. */
final class ArtifactSize {

  private ArtifactSize() {
  }

  static long zipped(Path folder) throws IOException {
    Path zip = Files.createTempFile("artifact-", ".zip");
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        zipped.putNextEntry(new ZipEntry(folder.relativize(file).toString()));
        Files.copy(file, zipped);
        zipped.closeEntry();
      }
    }
    long size = Files.size(zip);
    Files.delete(zip);
    return size;
  }
}
