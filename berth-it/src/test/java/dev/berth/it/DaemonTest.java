package dev.berth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class with one real berthd of its own, the docker CLI pointed at it, and busybox:latest
 * imported, as a user would have after the README's setup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DaemonTest {

  protected Berthd daemon;
  protected Docker docker;
  protected String busyboxId;

  @BeforeAll
  void startDaemon() throws Exception {
    daemon = Berthd.start(getClass().getSimpleName());
    docker = new Docker(daemon);
    busyboxId = BusyboxImage.importInto(docker);
  }

  @AfterAll
  void stopDaemon() throws Exception {
    docker.close();
    daemon.close();
  }
}
