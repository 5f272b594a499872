package dev.responders.tools.invoke.crac;

/** What org.crac's resources are adapted to (by proxy). */
public interface Resource {

  void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

  void afterRestore(Context<? extends Resource> context) throws Exception;
}
