#pragma once

// Readable QCOMPARE failures for the compliance tests: decimals print as
// exact text, enumerations by name.

#include "auth/access.h"
#include "compliance/breach.h"
#include "compliance/rule.h"
#include "decimalprint.h"
#include "domain/decimal.h"

#include <QTest>

#include <optional>
#include <string>

namespace QTest {
template <>
inline char* toString(const std::optional<ob::Money>& value) {
    return qstrdup(value ? value->toString().c_str() : "(none)");
}
template <>
inline char* toString(const ob::Verdict& value) {
    return qstrdup(std::string(ob::nameOf(value)).c_str());
}
template <>
inline char* toString(const ob::BreachCause& value) {
    return qstrdup(std::string(ob::nameOf(value)).c_str());
}
template <>
inline char* toString(const ob::BreachState& value) {
    return qstrdup(std::string(ob::nameOf(value)).c_str());
}
template <>
inline char* toString(const ob::BreachStage& value) {
    return qstrdup(std::string(ob::nameOf(value)).c_str());
}
template <>
inline char* toString(const ob::Severity& value) {
    return qstrdup(std::string(ob::nameOf(value)).c_str());
}
template <>
inline char* toString(const ob::RuleKind& value) {
    return qstrdup(std::string(ob::nameOf(value)).c_str());
}
template <>
inline char* toString(const ob::RuleMode& value) {
    return qstrdup(std::string(ob::nameOf(value)).c_str());
}
template <>
inline char* toString(const ob::ScopeKind& value) {
    return qstrdup(std::string(ob::nameOf(value)).c_str());
}
}  // namespace QTest
