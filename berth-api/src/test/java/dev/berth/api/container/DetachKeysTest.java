package dev.berth.api.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DetachKeysTest {

  private static final byte CTRL_P = 16;
  private static final byte CTRL_Q = 17;

  @Test
  void parsesDockersNotation() {
    assertThat(DetachKeys.parse(null).sequence()).containsExactly(CTRL_P, CTRL_Q);
    assertThat(DetachKeys.parse("ctrl-a,x,Ctrl-@,ctrl-_").sequence()).containsExactly(1, 'x', 0, 31);
  }

  @Test
  void refusesWhatDockerRefuses() {
    assertThatThrownBy(() -> DetachKeys.parse("ctrl-1"))
        .isInstanceOf(InvalidArgumentException.class).hasMessage("Invalid detach keys (ctrl-1) provided");
    assertThatThrownBy(() -> DetachKeys.parse("ab")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> DetachKeys.parse("ctrl-p,")).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void endsInputAtTheSequenceAndPassesWhatCameBefore() throws IOException {
    DetachKeys.Watcher in = DetachKeys.parse(null).watch(bytes("ls\r", CTRL_P, CTRL_Q, "never"));

    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("ls\r");
    assertThat(in.detached()).isTrue();
  }

  @Test
  void aBrokenPrefixIsDataAndTheSequenceIsStillSeenAfterIt() throws IOException {
    DetachKeys.Watcher in = DetachKeys.parse(null).watch(bytes("a", CTRL_P, "b", CTRL_P, CTRL_P, CTRL_Q));

    assertThat(in.readAllBytes()).containsExactly('a', CTRL_P, 'b', CTRL_P);
    assertThat(in.detached()).isTrue();
  }

  @Test
  void aPrefixAtTheEndOfInputIsData() throws IOException {
    DetachKeys.Watcher in = DetachKeys.parse(null).watch(bytes("x", CTRL_P));

    assertThat(in.readAllBytes()).containsExactly('x', CTRL_P);
    assertThat(in.detached()).isFalse();
  }

  @Test
  void theSequenceSplitAcrossReadsIsFound() throws IOException {
    InputStream slow = new InputStream() {
      private final byte[] data = {'y', CTRL_P, CTRL_Q};
      private int position;

      @Override
      public int read() {
        return position < data.length ? data[position++] : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        int c = read();
        if (c < 0) {
          return -1;
        }
        b[off] = (byte) c;
        return 1;
      }
    };
    DetachKeys.Watcher in = DetachKeys.parse(null).watch(slow);

    assertThat(in.readAllBytes()).containsExactly('y');
    assertThat(in.detached()).isTrue();
  }

  private static InputStream bytes(Object... parts) {
    StringBuilder text = new StringBuilder();
    for (Object part : parts) {
      text.append(part instanceof Byte b ? (char) b.byteValue() : part);
    }
    return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.ISO_8859_1));
  }
}
