#pragma once

// Readable QCOMPARE failures: decimals print as their exact text, strings in quotes.

#include "domain/decimal.h"

#include <QTest>

#include <string>

namespace QTest {
template <>
inline char* toString(const ob::Qty& value) {
    return qstrdup(value.toString().c_str());
}
template <>
inline char* toString(const ob::Price& value) {
    return qstrdup(value.toString().c_str());
}
template <>
inline char* toString(const ob::Money& value) {
    return qstrdup(value.toString().c_str());
}
template <>
inline char* toString(const std::string& value) {
    return qstrdup(("\"" + value + "\"").c_str());
}
}  // namespace QTest
