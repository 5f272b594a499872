package dev.responders.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.bench.TinyBenchmark;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.MotoServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/bench's code path on the blue/green flip with tiny counts (CI never runs the full benchmark): each function's
 * bench seeds the emulator, runs the packaged artifact cold, primed and warm, runs its Python reference, and the
 * report has every figure of the headline in range, with the same AWS calls from the handler and the reference.
 * Here, not in tools/, because the function's artifact exists only after this module's package phase.
 */
@ExtendWith(MotoExtension.class)
class BlueGreenFlipBenchmarkIT {

  @Test
  void benchesEachFunctionAgainstItsPythonReference(MotoServer moto, @TempDir Path work) throws Exception {
    String report = TinyBenchmark.check(moto, work, "BlueGreenFlipFunction");

    assertThat(report).contains("the same operations");
  }
}
