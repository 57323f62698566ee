package dev.berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormatTest {

  @Test
  void humanSizeUsesThreeSignificantDigitsAndDecimalUnits() {
    assertThat(Units.humanSizeWithPrecision(0, 3)).isEqualTo("0B");
    assertThat(Units.humanSizeWithPrecision(999, 3)).isEqualTo("999B");
    assertThat(Units.humanSizeWithPrecision(1000, 3)).isEqualTo("1kB");
    assertThat(Units.humanSizeWithPrecision(1985967, 3)).isEqualTo("1.99MB");
    assertThat(Units.humanSizeWithPrecision(4_260_000, 3)).isEqualTo("4.26MB");
    assertThat(Units.humanSizeWithPrecision(1_500_000_000, 3)).isEqualTo("1.5GB");
    assertThat(Units.humanSizeWithPrecision(123_456_789, 3)).isEqualTo("123MB");
    assertThat(Units.humanSizeWithPrecision(999_600, 3)).isEqualTo("1e+03kB");
    assertThat(Units.humanSize(1985967)).isEqualTo("1.986MB");
    assertThat(Units.bytesSize(25276502016.0)).isEqualTo("23.54GiB");
  }

  @Test
  void goFloats() {
    assertThat(GoNumbers.formatFloat(1.5, 'g', -1)).isEqualTo("1.5");
    assertThat(GoNumbers.formatFloat(100000000.0, 'g', -1)).isEqualTo("1e+08");
    assertThat(GoNumbers.formatFloat(123456.0, 'g', -1)).isEqualTo("123456");
    assertThat(GoNumbers.formatFloat(1234567.0, 'g', -1)).isEqualTo("1.234567e+06");
    assertThat(GoNumbers.formatFloat(0.0001, 'g', -1)).isEqualTo("0.0001");
    assertThat(GoNumbers.formatFloat(0.00001, 'g', -1)).isEqualTo("1e-05");
    assertThat(GoNumbers.formatFloat(2.675, 'f', 2)).isEqualTo("2.67");
    assertThat(GoNumbers.formatFloat(1.0, 'e', 3)).isEqualTo("1.000e+00");
    assertThat(GoNumbers.jsonFloat(1e21)).isEqualTo("1e+21");
    assertThat(GoNumbers.jsonFloat(0.0000001)).isEqualTo("1e-7");
    assertThat(GoNumbers.jsonFloat(100000000.0)).isEqualTo("100000000");
  }

  @Test
  void tabwriterAlignsLikeDocker() {
    String out = TabWriter.format("CONTAINER ID\tIMAGE\tPORTS\tNAMES\nabc\tbusybox\t\tweb\n");
    assertThat(out).isEqualTo("""
        CONTAINER ID   IMAGE     PORTS     NAMES
        abc            busybox             web
        """);
    // a line without tabs ends a column block
    assertThat(TabWriter.format("a\tb\nlonger text\nccccccccccccccc\td\n"))
        .isEqualTo("a         b\nlonger text\nccccccccccccccc   d\n");
    // widths count runes, not bytes
    assertThat(TabWriter.format("\"echo 'a very long c…\"\tx\nab\ty\n"))
        .isEqualTo("\"echo 'a very long c…\"   x\nab                       y\n");
    assertThat(TabWriter.format("no newline\tat end")).isEqualTo("no newline   at end");
  }

  @Test
  void jsonIndentMatchesGo() {
    assertThat(JsonIndent.indent("[{\"a\":1,\"b\":[],\"c\":{},\"d\":[1,2],\"e\":\"x, y: {z}\"}]", "", "    "))
        .isEqualTo("""
            [
                {
                    "a": 1,
                    "b": [],
                    "c": {},
                    "d": [
                        1,
                        2
                    ],
                    "e": "x, y: {z}"
                }
            ]""");
  }

  @Test
  void ellipsisAndQuote() {
    assertThat(Formatter.ellipsis("echo 'a very long command line indeed'", 20)).isEqualTo("echo 'a very long c…");
    assertThat(Formatter.ellipsis("short", 20)).isEqualTo("short");
    assertThat(GoFormat.quote("sh -c 'echo \"x\"\\n'")).isEqualTo("\"sh -c 'echo \\\"x\\\"\\\\n'\"");
    assertThat(GoFormat.quote("a\tb\u0001")).isEqualTo("\"a\\tb\\x01\"");
    assertThat(Formatter.truncateId("sha256:0a527d015d27fe283263e7f7a4ad6b62")).isEqualTo("0a527d015d27");
  }

  @Test
  void displayablePortsGroupsRanges() {
    List<java.util.Map<String, Object>> ports = List.of(
        port("0.0.0.0", 80, 8080, "tcp"), port("", 443, 0, "tcp"), port("", 444, 0, "tcp"), port("", 445, 0, "tcp"),
        port("", 53, 0, "udp"), port("::", 80, 8080, "tcp"), port("127.0.0.1", 9000, 9000, "tcp"));
    assertThat(ContainerContext.displayablePorts(ports))
        .isEqualTo("53/udp, 443-445/tcp, 127.0.0.1:9000->9000/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp");
  }

  private static java.util.Map<String, Object> port(String ip, int priv, int pub, String type) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    if (!ip.isEmpty()) {
      m.put("IP", ip);
    }
    m.put("PrivatePort", (long) priv);
    if (pub != 0) {
      m.put("PublicPort", (long) pub);
    }
    m.put("Type", type);
    return m;
  }
}
