package dev.responders.tools.bench.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The probe as a class-path folder of its own: {@link SdkCallProbe} with the resource that makes the SDK load it
 * as a global interceptor, and {@link WarmDriver}. Written under the tools' build folder by the benchmark and put on
 * the function's class path by the benchmark alone, so neither the shipped artifact nor the tools' own JVMs (whose
 * SDK calls seed the emulator) ever see the interceptor.
 */
public final class ProbeFolder {

  static final String INTERCEPTORS = "software/amazon/awssdk/global/handlers/execution.interceptors";
  private static final List<Class<?>> CLASSES = List.of(SdkCallProbe.class, SdkCallProbe.Calls.class,
      WarmDriver.class);

  private ProbeFolder() {
  }

  /** Writes the probe under {@code folder} (replacing what was there) and returns it. */
  public static Path write(Path folder) {
    try {
      for (Class<?> type : CLASSES) {
        String file = type.getName().replace('.', '/') + ".class";
        Path target = folder.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream bytes = ProbeFolder.class.getClassLoader().getResourceAsStream(file)) {
          Files.copy(bytes, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Path resource = folder.resolve(INTERCEPTORS);
      Files.createDirectories(resource.getParent());
      Files.writeString(resource, SdkCallProbe.class.getName() + System.lineSeparator());
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The class the benchmark starts in the function's JVM for warm runs. */
  public static String warmDriver() {
    return WarmDriver.class.getName();
  }
}
