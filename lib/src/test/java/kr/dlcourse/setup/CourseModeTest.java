package kr.dlcourse.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CourseModeTest {

  @Test
  void parsesBothModesInAnyCaseAndDefaultsToFull() {
    assertEquals(CourseMode.QUICK, CourseMode.parse("quick"));
    assertEquals(CourseMode.QUICK, CourseMode.parse(" QUICK "));
    assertEquals(CourseMode.FULL, CourseMode.parse("Full"));
    assertEquals(CourseMode.FULL, CourseMode.parse(null));
    assertEquals(CourseMode.FULL, CourseMode.parse(""));
  }

  @Test
  void aTypoSaysWhichValuesAreValid() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CourseMode.parse("fast"));
    assertTrue(e.getMessage().contains("COURSE_MODE='fast'"), e.getMessage());
    assertTrue(e.getMessage().contains("'quick'") && e.getMessage().contains("'full'"));
  }

  @Test
  void threadCountsMustBePositiveWholeNumbers() {
    assertEquals("4", EngineDefaults.parseThreads(" 4 "));
    for (String bad : new String[] {"0", "-2", "two", "1.5"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> EngineDefaults.parseThreads(bad));
      assertTrue(e.getMessage().startsWith("COURSE_THREADS='" + bad + "'"), e.getMessage());
    }
  }
}
