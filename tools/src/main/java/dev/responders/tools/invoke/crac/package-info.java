/**
 * A local stand-in for the CRaC implementation Lambda provides under SnapStart. The {@code org.crac} library
 * finds it through the system property {@code org.crac.Core.Compat} (set by {@code HandlerRunner} in
 * {@code snapstart} mode), which names this package: the class names here are the ones it looks for.
 * A checkpoint runs every registered resource's {@code beforeCheckpoint} (last registered first), a restore
 * runs {@code afterRestore} (first registered first); no process image is saved.
 */
package dev.responders.tools.invoke.crac;
