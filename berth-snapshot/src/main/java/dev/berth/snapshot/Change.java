package dev.berth.snapshot;

/** One path a container changed over its image, as {@code docker diff} lists it. */
public record Change(String path, Kind kind) {

  /** Docker's kinds, in the order of their API numbers: 0 modified, 1 added, 2 deleted. */
  public enum Kind {
    MODIFIED, ADDED, DELETED;

    public int apiValue() {
      return ordinal();
    }
  }
}
