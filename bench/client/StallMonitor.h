#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace dcc::bench {

/// Measures how long the GUI thread stops answering: a 1 ms precise timer in that thread
/// notes how late each tick runs; the longest lateness is the longest freeze a user would
/// have felt (a click, a repaint waiting behind blocking work).
class StallMonitor : public QObject
{
    Q_OBJECT

public:
    explicit StallMonitor(QObject* parent = nullptr);

    void start();
    void stop();
    /// The longest gap between two ticks beyond the 1 ms period, in milliseconds.
    [[nodiscard]] double longestStallMs() const { return m_longestNs / 1e6; }
    [[nodiscard]] qint64 ticks() const { return m_ticks; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    double m_longestNs = 0;
    qint64 m_ticks = 0;
};

} // namespace dcc::bench
