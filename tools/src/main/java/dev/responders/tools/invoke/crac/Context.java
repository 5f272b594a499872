package dev.responders.tools.invoke.crac;

import java.util.ArrayList;
import java.util.List;

/** The global context: keeps registered resources (strongly: a local run is short) in registration order. */
public class Context<R extends Resource> implements Resource {

  private final List<R> resources = new ArrayList<>();

  public synchronized void register(R resource) {
    resources.add(resource);
  }

  @Override
  public synchronized void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).beforeCheckpoint(this);
    }
  }

  @Override
  public synchronized void afterRestore(Context<? extends Resource> context) throws Exception {
    for (R resource : resources) {
      resource.afterRestore(this);
    }
  }
}
