// XClick: a screenshot of an X display, or a click at a point on it (for measuring the window without a
// test harness). Usage: java scripts/XClick.java shot FILE.png | java scripts/XClick.java click X Y
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.InputEvent;
import java.io.File;
import javax.imageio.ImageIO;

public class XClick {
    public static void main(String[] args) throws Exception {
        Robot robot = new Robot();
        if (args[0].equals("shot")) {
            ImageIO.write(robot.createScreenCapture(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize())),
                    "png", new File(args[1]));
        } else {
            robot.mouseMove(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
            robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
            robot.waitForIdle();
        }
    }
}
