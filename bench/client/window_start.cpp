// dcc-bench-window-start: time from process start to its first top-level window mapped on
// the X display (Xvfb in bench/client/run-client.sh), for the client's start-up ratio.
//
//   dcc-bench-window-start PROGRAM [ARGS…]
//
// Prints "RESULT window_start ms=…" and ends the program. The same watcher measures the
// product and the empty Qt Widgets window, so what it adds (fork, exec, X round trips) is
// in both figures alike. No hook in the product: the X server reports the map.

#include <X11/Xlib.h>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

double nowMs()
{
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: dcc-bench-window-start PROGRAM [ARGS…]\n");
        return 2;
    }
    Display* display = XOpenDisplay(nullptr);
    if (!display) {
        std::fprintf(stderr, "dcc-bench-window-start: cannot open the X display\n");
        return 2;
    }
    const Window root = DefaultRootWindow(display);
    XSelectInput(display, root, SubstructureNotifyMask);
    XSync(display, False);

    const double started = nowMs();
    const pid_t child = fork();
    if (child == 0) {
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    const int fd = ConnectionNumber(display);
    double mapped = -1;
    while (mapped < 0) {
        while (XPending(display) > 0) {
            XEvent event;
            XNextEvent(display, &event);
            if (event.type == MapNotify && event.xmap.event == root &&
                !event.xmap.override_redirect) {
                mapped = nowMs();
                break;
            }
        }
        if (mapped >= 0)
            break;
        int status = 0;
        if (waitpid(child, &status, WNOHANG) == child) {
            std::fprintf(stderr, "dcc-bench-window-start: %s ended before showing a window\n",
                         argv[1]);
            return 1;
        }
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET(fd, &readable);
        timeval timeout{0, 100000};
        select(fd + 1, &readable, nullptr, nullptr, &timeout);
        if (nowMs() - started > 30000) {
            kill(child, SIGKILL);
            std::fprintf(stderr, "dcc-bench-window-start: no window within 30 s\n");
            return 1;
        }
    }
    kill(child, SIGTERM);
    int status = 0;
    waitpid(child, &status, 0);
    std::printf("RESULT window_start ms=%.1f\n", mapped - started);
    XCloseDisplay(display);
    return 0;
}
