// dcc-bench-empty-window: the reference of the client's start-up ratio, an empty Qt
// Widgets window of the login window's size, built with the same Qt and flags.
#include <QApplication>
#include <QWidget>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QWidget window;
    window.setMinimumSize(440, 380);
    window.setWindowTitle(QStringLiteral("DCC Login"));
    window.show();
    return QApplication::exec();
}
