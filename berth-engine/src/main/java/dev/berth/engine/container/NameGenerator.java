package dev.berth.engine.container;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Names for containers created without one, in Docker's {@code adjective_noun} shape. After a few
 * collisions a digit is appended, as Docker does.
 */
final class NameGenerator {

  private static final List<String> ADJECTIVES = List.of(
      "agile", "amber", "ardent", "bold", "brave", "breezy", "bright", "calm", "candid", "cheerful", "clever",
      "cosmic", "crisp", "curious", "daring", "dazzling", "deft", "eager", "earnest", "fearless", "festive",
      "fluent", "focused", "frank", "gallant", "gentle", "gleaming", "glowing", "graceful", "hardy", "hearty",
      "humble", "jolly", "keen", "kind", "lively", "loyal", "lucid", "mellow", "merry", "mighty", "modest",
      "nimble", "noble", "patient", "placid", "plucky", "polite", "proud", "quick", "quiet", "radiant", "rapid",
      "rugged", "serene", "sharp", "shiny", "silent", "sincere", "smooth", "snappy", "spry", "steady", "stoic",
      "sturdy", "sunny", "swift", "tender", "thrifty", "tidy", "trusty", "upbeat", "valiant", "vivid", "warm",
      "wise", "witty", "zealous", "zesty");

  private static final List<String> NOUNS = List.of(
      "albatross", "anchor", "badger", "barge", "beacon", "bollard", "buoy", "cabin", "canoe", "capstan", "cargo",
      "channel", "clipper", "compass", "coral", "cormorant", "current", "cutter", "delta", "dinghy", "dolphin",
      "dory", "estuary", "ferry", "fjord", "galley", "gannet", "gull", "harbor", "heron", "hull", "inlet",
      "island", "jetty", "keel", "kelp", "ketch", "lagoon", "lantern", "lighthouse", "mast", "marina", "mooring",
      "narwhal", "oar", "orca", "otter", "pelican", "petrel", "pier", "porpoise", "puffin", "quay", "raft",
      "reef", "rudder", "sail", "schooner", "seal", "shoal", "skiff", "sloop", "sonar", "starfish", "tern",
      "tide", "trawler", "tugboat", "wake", "walrus", "wave", "wharf", "yacht", "yawl");

  private NameGenerator() {}

  /** A fresh name (without the leading slash) for which {@code taken} is false. */
  static String generate(Predicate<String> taken) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; ; attempt++) {
      String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_" + NOUNS.get(random.nextInt(NOUNS.size()));
      if (attempt > 3) {
        name += random.nextInt(10);
      }
      if (!taken.test(name)) {
        return name;
      }
    }
  }
}
