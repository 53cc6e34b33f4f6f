package kr.dlcourse;

import kr.dlcourse.setup.Course;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Loads {@link Course} before any test creates an NDArray, as the kernel's first cell does, so
 * that the engine starts with the course's defaults whatever order the tests run in.
 */
public class EngineDefaultsFirst implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    Course.mode();
  }
}
