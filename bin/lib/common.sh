# Shared by the bin/ scripts: where the project is and which JDK runs it.

BERTH_HOME="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

# Prints the home of a JDK 25 or newer: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
find_jdk25() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = //p')"
    if [ -n "$version" ] && [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "berth needs JDK 25 or newer: none found in JAVA_HOME or /usr/lib/jvm." >&2
  echo "Install one (e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64) or point JAVA_HOME at it." >&2
  return 1
}

# JVM options: the CLI lives for one command, so it favours start-up; berthd is long-lived and small.
# The CLI's class-data archive is made by its first run and reused after (JDK 19+ AutoCreateSharedArchive).
CLI_JVM_OPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive
  "-XX:SharedArchiveFile=$BERTH_HOME/berth-cli/target/berth-cli.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
DAEMON_JVM_OPTS=(-XX:+UseSerialGC -Xms8m -Xmx512m -XX:ReservedCodeCacheSize=32m)

# Runs a main class of a built module with its dependencies: run_module MODULE MAIN OPTS_ARRAY_NAME ARGS...
run_module() {
  local module="$1" main="$2"; shift 2
  local -n jvm_opts="$1"; shift
  local jar="$BERTH_HOME/$module/target/$module.jar"
  if [ ! -f "$jar" ]; then
    echo "$(basename "$0"): berth is not built yet; build it with: $BERTH_HOME/bin/build" >&2
    exit 1
  fi
  local jdk
  jdk="$(find_jdk25)" || exit 1
  exec "$jdk/bin/java" --enable-native-access=ALL-UNNAMED "${jvm_opts[@]}" \
    -cp "$jar:$BERTH_HOME/$module/target/lib/*" "$main" "$@"
}
