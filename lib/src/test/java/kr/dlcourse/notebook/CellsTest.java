package kr.dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellsTest {

  @Test
  void keepingUnderTheSameNameClosesThePreviousResource() {
    List<String> closed = new ArrayList<>();
    AutoCloseable first = () -> closed.add("first");
    AutoCloseable second = () -> closed.add("second");
    AutoCloseable other = () -> closed.add("other");
    assertSame(first, Cells.keep("model", first));
    Cells.keep("other", other);
    Cells.keep("model", second);
    assertEquals(List.of("first"), closed, "a rerun closes the previous model only");
    Cells.keep("model", second);
    assertEquals(List.of("first"), closed, "keeping the same object again does not close it");
    Cells.closeAll();
    assertEquals(3, closed.size());
  }
}
