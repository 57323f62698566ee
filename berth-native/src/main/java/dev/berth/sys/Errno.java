package dev.berth.sys;

/** The errno values callers of this package branch on (Linux, all architectures berth supports). */
public final class Errno {

  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ENXIO = 6;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int EINVAL = 22;
  public static final int EPIPE = 32;
  public static final int ERANGE = 34;
  public static final int ENODATA = 61;
  public static final int EOPNOTSUPP = 95;

  private Errno() {}
}
