# Shared by the bin/ scripts. Expects $root.

# Builds every module (no tests) when a source or pom is newer than the last build.
build_if_stale() {
  local stamp="$root/tools/target/runtime-classpath.txt"
  if [[ ! -f "$stamp" ]] || [[ -n "$(find "$root" -path "$root/.venv" -prune -o -path '*/target' -prune -o \
        \( -name '*.java' -o -name 'pom.xml' \) -newer "$stamp" -print -quit)" ]]; then
    echo "building (./mvnw package, tests skipped)..." >&2
    (cd "$root" && ./mvnw -B -q -DskipTests package >&2)
    touch "$stamp"
  fi
}
