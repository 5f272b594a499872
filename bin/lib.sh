# Shared by the bin/ scripts. Expects $root.

# Whether a file under the given paths (build output left out) is newer than the stamp $1.
newer_than() {
  local stamp="$1"
  shift
  [[ -n "$(find "$@" -path '*/target' -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null)" ]]
}

# Builds (no tests) what is stale: tools when a source or pom is newer than its last build, and every function
# module whose artifact (target/lambda, what bin/invoke, bin/demo and bin/bench run) is missing or older than the
# module's main sources, shared's, a pom or the shrinker's rules (lambda-shrink.pro). Judging by tools alone once
# left a module never packaged.
build_if_stale() {
  local stamp="$root/tools/target/runtime-classpath.txt"
  local stale=()
  if [[ ! -f "$stamp" ]] || [[ -n "$(find "$root" -path "$root/.venv" -prune -o -path '*/target' -prune -o \
        \( -name '*.java' -o -name 'pom.xml' \) -newer "$stamp" -print -quit)" ]]; then
    stale+=(tools)
  fi
  local module
  for module in "$root"/functions/*/; do
    module="${module%/}"
    if [[ ! -d "$module/target/lambda" ]] || newer_than "$module/target/lambda" "$module/src/main" \
        "$module/pom.xml" "$root/shared/src/main" "$root/shared/pom.xml" "$root/pom.xml" \
        "$root/lambda-shrink.pro"; then
      stale+=("functions/${module##*/}")
    fi
  done
  if ((${#stale[@]} > 0)); then
    echo "building ${stale[*]} (./mvnw package, tests skipped)..." >&2
    (cd "$root" && ./mvnw -B -q -DskipTests -pl "$(IFS=,; echo "${stale[*]}")" -am package >&2)
    touch "$stamp"
    for module in "${stale[@]}"; do
      if [[ -d "$root/$module/target/lambda" ]]; then
        touch "$root/$module/target/lambda"
      fi
    done
  fi
}
