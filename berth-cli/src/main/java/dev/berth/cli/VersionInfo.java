package dev.berth.cli;

/** berth's own version, from the jar manifest. */
public final class VersionInfo {

  private VersionInfo() {}

  public static String version() {
    String v = VersionInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public static String commit() {
    return "unknown";
  }

  public static String javaVersion() {
    return System.getProperty("java.version");
  }
}
