package dev.responders.tools.invoke.crac;

/** Entry points org.crac calls by reflection: the global context and a checkpoint followed by a restore. */
public final class Core {

  private static final Context<Resource> GLOBAL = new Context<>();

  private Core() {
  }

  public static Context<Resource> getGlobalContext() {
    return GLOBAL;
  }

  public static void checkpointRestore() throws CheckpointException, RestoreException {
    try {
      GLOBAL.beforeCheckpoint(null);
    } catch (Exception e) {
      throw new CheckpointException(e);
    }
    try {
      GLOBAL.afterRestore(null);
    } catch (Exception e) {
      throw new RestoreException(e);
    }
  }
}
