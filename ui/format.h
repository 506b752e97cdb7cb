#pragma once

#include "auth/access.h"
#include "domain/decimal.h"
#include "domain/timestamp.h"

#include <QLocale>
#include <QString>

namespace ob::ui {

/// Figures as a trader reads them: grouped thousands in the user's locale,
/// exact digits, a fixed number of decimals where one is given.
QString formatQty(Qty value, const QLocale& locale = QLocale());
QString formatPrice(Price value, int decimals, const QLocale& locale = QLocale());
QString formatMoney(Money value, int decimals, const QLocale& locale = QLocale());
/// An average price: up to two places more than the instrument's, no trailing zeros past its own.
QString formatAveragePrice(Price value, int decimals, const QLocale& locale = QLocale());
/// Local wall-clock time "HH:mm:ss.zzz" of a UTC timestamp.
QString formatTime(Timestamp time);
/// "Compliance officer".
QString roleName(Role role);

/// "1 order", "12,500 orders": a count with its noun in the right number.
QString counted(qint64 count, const char* singular, const char* plural, const QLocale& locale = QLocale());

/// Inserts the locale's group separators into plain decimal text ("-1234567.5").
QString groupDigits(const std::string& plain, const QLocale& locale);

inline QString toQString(const std::string& text) { return QString::fromStdString(text); }
inline QString toQString(std::string_view text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }

}  // namespace ob::ui
