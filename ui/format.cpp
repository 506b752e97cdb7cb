#include "format.h"

#include <QObject>

#include <QDateTime>

namespace ob::ui {

QString groupDigits(const std::string& plain, const QLocale& locale) {
    const auto point = plain.find('.');
    const std::string integer = plain.substr(0, point);
    const bool negative = !integer.empty() && integer[0] == '-';
    const std::string digits = negative ? integer.substr(1) : integer;
    const QString separator = locale.numberOptions() & QLocale::OmitGroupSeparator ? QString() : locale.groupSeparator();

    QString text;
    if (negative) text += locale.negativeSign();
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) text += separator;
        text += QLatin1Char(digits[i]);
    }
    if (point != std::string::npos) text += locale.decimalPoint() + QString::fromLatin1(plain.substr(point + 1));
    return text;
}

QString counted(qint64 count, const char* singular, const char* plural, const QLocale& locale) {
    return QStringLiteral("%1 %2").arg(locale.toString(count), QString::fromUtf8(count == 1 ? singular : plural));
}

QString formatQty(Qty value, const QLocale& locale) { return groupDigits(value.toString(), locale); }

QString formatPrice(Price value, int decimals, const QLocale& locale) { return groupDigits(value.toString(decimals), locale); }

QString formatMoney(Money value, int decimals, const QLocale& locale) { return groupDigits(value.toString(decimals), locale); }

QString formatAveragePrice(Price value, int decimals, const QLocale& locale) {
    std::string text = value.toString(decimals + 2);
    const auto point = text.find('.');
    while (point != std::string::npos && text.size() > point + 1 + std::size_t(decimals) && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return groupDigits(text, locale);
}

QString formatTime(Timestamp time) {
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
    return QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC).toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString roleName(Role role) {
    switch (role) {
        case Role::Trader: return QObject::tr("Trader");
        case Role::PortfolioManager: return QObject::tr("Portfolio manager");
        case Role::ComplianceOfficer: return QObject::tr("Compliance officer");
        case Role::Administrator: return QObject::tr("Administrator");
    }
    return {};
}

}  // namespace ob::ui
