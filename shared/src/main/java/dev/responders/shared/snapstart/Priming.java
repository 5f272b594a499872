package dev.responders.shared.snapstart;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs a handler's warm-up just before Lambda takes the SnapStart snapshot, so the snapshot holds loaded and
 * initialised classes (JSON mapping, SDK marshalling, signing, HTTP) and the first invocation after a restore
 * does not pay for them. Outside SnapStart nothing calls it.
 *
 * <p>A warm-up must change nothing: parse a sample, read what does not exist. Its failures are swallowed on
 * purpose, since a failed warm-up only costs speed, while a failed checkpoint would fail the deployment.
 */
public final class Priming implements Resource {

  private final Runnable warmUp;

  private Priming(Runnable warmUp) {
    this.warmUp = warmUp;
  }

  /**
   * Registers {@code warmUp} with the CRaC global context. Keep the returned object in a field: CRaC holds
   * registered resources weakly.
   */
  public static Priming register(Runnable warmUp) {
    Priming priming = new Priming(warmUp);
    Core.getGlobalContext().register(priming);
    return priming;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    try {
      warmUp.run();
    } catch (RuntimeException | LinkageError e) {
      System.out.println("{\"kind\":\"priming\",\"outcome\":\"failed\",\"detail\":\"" + e.getClass().getName() + "\"}");
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to refresh: clients re-resolve credentials themselves and the SDK retries broken connections.
  }
}
