package kr.dlcourse.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kr.dlcourse.notebook.CourseException;
import org.junit.jupiter.api.Test;

class CourseModeTest {

  @Test
  void parsesBothModesInAnyCaseAndDefaultsToFull() {
    assertEquals(CourseMode.QUICK, CourseMode.parse("quick"));
    assertEquals(CourseMode.QUICK, CourseMode.parse(" QUICK "));
    assertEquals(CourseMode.FULL, CourseMode.parse("Full"));
    assertEquals(CourseMode.CLASS, CourseMode.parse("class"));
    assertEquals(CourseMode.FULL, CourseMode.parse(null));
    assertEquals(CourseMode.FULL, CourseMode.parse(""));
  }

  @Test
  void aTypoSaysWhichValuesAreValid() {
    CourseException e = assertThrows(CourseException.class, () -> CourseMode.parse("fast"));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("COURSE_MODE='fast'"), e.getMessage());
    assertTrue(e.getMessage().contains("'quick'") && e.getMessage().contains("'class'") && e.getMessage().contains("'full'"));
    assertTrue(e.getMessage().contains("코스 모드가 아닙니다"), e.getMessage());
  }

  @Test
  void eachModeDescribesItselfInKorean() {
    assertEquals("quick (빠른 모드: 작은 데이터, 적은 에폭)", CourseMode.QUICK.description());
    assertTrue(CourseMode.FULL.description().startsWith("full ("), CourseMode.FULL.description());
  }

  @Test
  void threadCountsMustBePositiveWholeNumbers() {
    assertEquals("4", EngineDefaults.parseThreads(" 4 "));
    for (String bad : new String[] {"0", "-2", "two", "1.5"}) {
      CourseException e =
          assertThrows(CourseException.class, () -> EngineDefaults.parseThreads(bad));
      assertTrue(e.getMessage().startsWith("COURSE_THREADS='" + bad + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("1 이상의 정수"), e.getMessage());
    }
  }
}
