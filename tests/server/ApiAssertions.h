#pragma once

#include "tests/support/HttpTestClient.h"

#include <QtTest>

#include <string>

// Checks on protocol answers, shared by the server suites. Macros so that a failure points
// at the test's line.

/// The answer has this status and, for errors, this "error" code.
#define DCC_COMPARE_ANSWER(response, expectedStatus, expectedError)                                \
    do {                                                                                           \
        const auto& answer_ = (response);                                                          \
        QVERIFY2(answer_.status == (expectedStatus),                                               \
                 qPrintable(QString("status %1, body %2")                                          \
                                .arg(answer_.status)                                               \
                                .arg(QString::fromStdString(answer_.body))));                      \
        if (std::string(expectedError).size() > 0)                                                 \
            QCOMPARE(answer_.json()->getValue<std::string>("error"), std::string(expectedError));  \
    } while (false)
