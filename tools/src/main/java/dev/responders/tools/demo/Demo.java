package dev.responders.tools.demo;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.emulator.MotoServer;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The tour for a newcomer: starts the local emulator, seeds a small account, replays {@code events/} through
 * each function exactly as {@code bin/invoke} runs it, and prints what every event changed.
 */
public final class Demo {

  private final Path root;
  private final PrintStream out;

  Demo(Path root, PrintStream out) {
    this.root = root;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    new Demo(RepositoryRoot.find(), System.out).run();
  }

  void run() throws Exception {
    out.println("Starting the local AWS emulator (moto server)...");
    try (MotoServer moto = MotoServer.start()) {
      moto.useInThisJvm();
      out.println("  emulator at " + moto.endpoint());
      new TagIsolationChapter(root, out).run(moto);
      new BlueGreenFlipChapter(root, out).run(moto);
      new AmiParameterUpdaterChapter(root, out, moto).run();
      new ZendeskArticleChapter(root, out).run(moto);
      new GlueChapter(root, out).run(moto);
      new SecurityHubChapter(root, out).run(moto);
      new IamPolicyGuardChapter(root, out).run(moto);
    }
  }
}
