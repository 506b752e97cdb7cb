#include "decimalprint.h"
#include "fix/fixtags.h"
#include "fix/fixtranslator.h"

#include <QTest>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <type_traits>

using namespace ob;
using namespace std::chrono;

Q_DECLARE_METATYPE(ob::Inbound<ob::ExecutionReport>)

namespace {

const std::string kFix44 = "FIX.4.4:DESK->BROKER";
const std::string kFix42 = "FIX.4.2:DESK->BROKER";

/// 29 November 2026 at a time of day, UTC.
Timestamp at(hours h, minutes m, seconds s, milliseconds ms = {}) { return sys_days{2026y / November / 29} + h + m + s + ms; }

const Timestamp kReceivedAt = at(16h, 0min, 0s);

/// What is wrong with the framing of a message (BodyLength or CheckSum), if anything: the messages
/// below are written as a sell side puts them on the wire, and stay so.
std::optional<std::string> framingProblem(const std::string& text) {
    const std::string soh(1, '\x01');
    const auto lengthField = text.find(soh + "9=");
    const auto trailer = text.rfind(soh + "10=");
    if (lengthField == std::string::npos || trailer == std::string::npos) return "it has no BodyLength or no CheckSum";
    const auto bodyStart = text.find('\x01', lengthField + 1) + 1;
    const auto bodyLength = std::to_string(trailer + 1 - bodyStart);
    if (text.compare(lengthField + 3, bodyStart - 1 - lengthField - 3, bodyLength) != 0)
        return "its BodyLength should be " + bodyLength;
    unsigned sum = 0;
    for (const unsigned char c : text.substr(0, trailer + 1)) sum += c;
    char checksum[8];
    std::snprintf(checksum, sizeof checksum, "%03u", sum % 256);
    if (text.compare(trailer + 4, 3, checksum) != 0) return std::string("its CheckSum should be ") + checksum;
    return std::nullopt;
}

/// A message written with '|' for SOH, parsed as it arrives.
Result<FixMessage> wire(std::string text) {
    std::replace(text.begin(), text.end(), '|', '\x01');
    if (auto problem = framingProblem(text)) return Error{"the test's message is not as a sell side sends it: " + *problem};
    return FixMessage::parse(std::move(text));
}

template <typename T>
const char* problem(const Result<T>& result) {
    return result.ok() ? "" : result.error().c_str();
}

Result<Inbound<ExecutionReport>> translate(const std::string& session, std::string text) {
    auto message = wire(std::move(text));
    if (!message) return Error{message.error()};
    return fix_translator::executionReport(*message, session, kReceivedAt);
}

/// The translation expected of a report about the IBM order below, built in one expression. Unless told
/// otherwise the report is about ORD-1001 (OrderID BRK-7781), a buy of 1000 at a limit of 142.5 for the day.
class Expected {
public:
    Expected(const std::string& session, int msgSeqNum, std::string execId, ExecType type, OrdStatus status) {
        envelope_.session = session;
        report_.execId = std::move(execId);
        report_.symbol = "IBM";
        report_.side = Side::Buy;
        report_.execType = type;
        report_.ordStatus = status;
        report_.clOrdId = "ORD-1001";
        report_.brokerOrderId = "BRK-7781";
        report_.orderQty = Qty::of("1000");
        report_.ordType = OrdType::Limit;
        report_.price = Price::of("142.5");
        report_.timeInForce = TimeInForce::Day;
        envelope_.msgSeqNum = msgSeqNum;
        envelope_.msgType = msgtype::ExecutionReport;
        envelope_.receivedAt = kReceivedAt;
    }
    /// ClOrdID and OrigClOrdID of a cancel or replace.
    Expected& request(std::string clOrdId, std::string origClOrdId) {
        report_.clOrdId = std::move(clOrdId);
        report_.origClOrdId = std::move(origClOrdId);
        return *this;
    }
    Expected& terms(std::string_view orderQty, std::string_view price) {
        report_.orderQty = Qty::of(orderQty);
        report_.price = Price::of(price);
        return *this;
    }
    /// LastQty and LastPx.
    Expected& last(std::string_view qty, std::string_view px) {
        report_.lastQty = Qty::of(qty);
        report_.lastPx = Price::of(px);
        return *this;
    }
    Expected& execRefId(std::string id) {
        report_.execRefId = std::move(id);
        return *this;
    }
    Expected& text(std::string text) {
        report_.text = std::move(text);
        return *this;
    }
    ExecutionReport& report() { return report_; }
    /// CumQty, LeavesQty, AvgPx and TransactTime, which every report has: the expectation is complete.
    Inbound<ExecutionReport> totals(std::string_view cumQty, std::string_view leavesQty, std::string_view avgPx,
                                    Timestamp transactTime) {
        report_.cumQty = Qty::of(cumQty);
        report_.leavesQty = Qty::of(leavesQty);
        report_.avgPx = Price::of(avgPx);
        report_.transactTime = transactTime;
        return {envelope_, report_};
    }

private:
    Envelope envelope_;  ///< all but the text, which is the message's own
    ExecutionReport report_;
};

/// The short sale of 500 IBM, stop 141 limit 140, good till cancel, that the broker rejects.
Inbound<ExecutionReport> rejectedShortSale() {
    Expected expected(kFix44, 8, "EX-7", ExecType::Rejected, OrdStatus::Rejected);
    expected.request("ORD-1004", "").terms("500", "140").text("Stop price is above the market");
    auto& report = expected.report();
    report.brokerOrderId = "NONE";
    report.side = Side::SellShort;
    report.ordType = OrdType::StopLimit;
    report.stopPx = Price::of("141");
    report.timeInForce = TimeInForce::GoodTillCancel;
    return expected.totals("0", "0", "0", at(14h, 32min, 0s));
}

std::string shown(const std::string& value) { return "'" + value + "'"; }
std::string shown(Qty value) { return value.toString(); }
std::string shown(Price value) { return value.toString(); }
std::string shown(Timestamp value) { return toIsoString(value); }
std::string shown(std::int64_t value) { return std::to_string(value); }
template <typename E>
requires std::is_enum_v<E> std::string shown(E value) { return std::string(nameOf(value)); }
template <typename T>
std::string shown(const std::optional<T>& value) {
    return value ? shown(*value) : std::string("absent");
}

#define COMPARE_FIELD(field)                 \
    QVERIFY2(actual.field == expected.field, \
             (std::string(#field " is ") + shown(actual.field) + ", expected " + shown(expected.field)).c_str())

/// Every field of the envelope but the text, which the tests check is the message's own.
void compareEnvelopes(const Envelope& actual, const Envelope& expected) {
    COMPARE_FIELD(session);
    COMPARE_FIELD(msgSeqNum);
    COMPARE_FIELD(msgType);
    COMPARE_FIELD(receivedAt);
}

/// Every field the translation fills in, compared exactly.
void compareReports(const ExecutionReport& actual, const ExecutionReport& expected) {
    COMPARE_FIELD(execId);
    COMPARE_FIELD(symbol);
    COMPARE_FIELD(side);
    COMPARE_FIELD(execType);
    COMPARE_FIELD(ordStatus);
    COMPARE_FIELD(clOrdId);
    COMPARE_FIELD(origClOrdId);
    COMPARE_FIELD(brokerOrderId);
    COMPARE_FIELD(execRefId);
    COMPARE_FIELD(orderQty);
    COMPARE_FIELD(lastQty);
    COMPARE_FIELD(lastPx);
    COMPARE_FIELD(cumQty);
    COMPARE_FIELD(leavesQty);
    COMPARE_FIELD(avgPx);
    COMPARE_FIELD(ordType);
    COMPARE_FIELD(price);
    COMPARE_FIELD(stopPx);
    COMPARE_FIELD(timeInForce);
    COMPARE_FIELD(transactTime);
    COMPARE_FIELD(text);
}

void compareRejects(const CancelReject& actual, const CancelReject& expected) {
    COMPARE_FIELD(clOrdId);
    COMPARE_FIELD(origClOrdId);
    COMPARE_FIELD(brokerOrderId);
    COMPARE_FIELD(responseTo);
    COMPARE_FIELD(ordStatus);
    COMPARE_FIELD(reason);
}

/// The order the outbound requests are about, as the book holds it.
OrderState ibmOrder() {
    OrderState order;
    order.id = 1;
    order.session = kFix44;
    order.account = "GROWTH-PB";
    order.symbol = "IBM";
    order.side = Side::Buy;
    order.terms = {Qty::of("1000"), OrdType::Limit, Price::of("142.5"), {}, TimeInForce::Day, {}};
    order.clOrdId = "ORD-1001";
    order.brokerOrderId = "BRK-7781";
    order.phase = OrderPhase::Working;
    return order;
}

/// The fields of a message as "tag=value", sorted: outside a repeating group their order means nothing in FIX.
std::string sortedFields(const FixMessage& message) {
    std::vector<std::pair<int, std::string_view>> fields;
    for (const auto& field : message.fields()) fields.emplace_back(field.tag, field.value);
    std::sort(fields.begin(), fields.end());
    std::string text;
    for (const auto& [tag, value] : fields) text += std::to_string(tag) + "=" + std::string(value) + "|";
    return text;
}

/// The pre-allocation (NoAllocs) in the order sent, each entry's AllocAccount with its AllocQty.
std::string allocations(const FixMessage& message) {
    std::string text;
    for (const auto& entry : message.group(78, 79, {79, 80})) {
        for (const auto& field : entry) text += std::string(field.value) + (field.tag == 79 ? " " : "; ");
    }
    return text;
}

/// An outbound message as the fields it carries, without header and trailer (the session adds them).
FixMessage parsedOutbound(const fixengine::OutboundMessage& outbound) {
    std::string text = "35=" + outbound.msgType + '\x01';
    for (const auto& field : outbound.fields) text += std::to_string(field.tag) + "=" + field.value + '\x01';
    for (const auto& group : outbound.groups) {
        text += std::to_string(group.countTag) + "=" + std::to_string(group.entries.size()) + '\x01';
        for (const auto& entry : group.entries)
            for (const auto& field : entry) text += std::to_string(field.tag) + "=" + field.value + '\x01';
    }
    return FixMessage::parse(std::move(text)).value();
}

FixMessage handWritten(std::string text) {
    std::replace(text.begin(), text.end(), '|', '\x01');
    return FixMessage::parse(std::move(text)).value();
}

}  // namespace

/// The FIX translator against ExecutionReports and OrderCancelRejects written by hand as FIX 4.4 and 4.2 sell
/// sides send them, and our NewOrderSingle, OrderCancelRequest and OrderCancelReplaceRequest against the
/// fields a hand-written message has. Our simulator shares this translator, so it cannot catch its mistakes.
class TestFixTranslator final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void translatesExecutionReports_data() {
        QTest::addColumn<QString>("session");
        QTest::addColumn<QString>("message");
        QTest::addColumn<Inbound<ExecutionReport>>("expected");
        const auto fix44 = QString::fromStdString(kFix44);
        const auto fix42 = QString::fromStdString(kFix42);
        QTest::newRow("FIX 4.4 New, with LastQty and LastPx 0: no fill, no price")
            << fix44
            << "8=FIX.4.4|9=200|35=8|34=2|49=BROKER|52=20261129-14:30:00.125|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-1|150=0|39=0|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=0|31=0|151=1000|14=0|6=0|60=20261129-14:30:00.120|10=250|"
            << Expected(kFix44, 2, "EX-1", ExecType::New, OrdStatus::New)
                   .last("0", "0")
                   .totals("0", "1000", "0", at(14h, 30min, 0s, 120ms));
        QTest::newRow("FIX 4.4 Trade, partially filled")
            << fix44
            << "8=FIX.4.4|9=221|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=F|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=142.37|30=XNYS|151=700|14=300|6=142.37|60=20261129-14:30:01.250|10=170|"
            << Expected(kFix44, 3, "EX-2", ExecType::Trade, OrdStatus::PartiallyFilled)
                   .last("300", "142.37")
                   .totals("300", "700", "142.37", at(14h, 30min, 1s, 250ms));
        QTest::newRow("FIX 4.4 Trade, filled")
            << fix44
            << "8=FIX.4.4|9=220|35=8|34=4|49=BROKER|52=20261129-14:30:02.503|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-3|150=F|39=2|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=700|31=142.5|30=XNYS|151=0|14=1000|6=142.461|60=20261129-14:30:02.500|10=114|"
            << Expected(kFix44, 4, "EX-3", ExecType::Trade, OrdStatus::Filled)
                   .last("700", "142.5")
                   .totals("1000", "0", "142.461", at(14h, 30min, 2s, 500ms));
        QTest::newRow("FIX 4.4 Canceled")
            << fix44
            << "8=FIX.4.4|9=222|35=8|34=5|49=BROKER|52=20261129-14:31:00.004|56=DESK|"
               "37=BRK-7781|11=ORD-1003|41=ORD-1001|17=EX-4|150=4|39=4|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "151=0|14=300|6=142.37|58=Canceled at your request|60=20261129-14:31:00.000|10=106|"
            << Expected(kFix44, 5, "EX-4", ExecType::Canceled, OrdStatus::Canceled)
                   .request("ORD-1003", "ORD-1001")
                   .text("Canceled at your request")
                   .totals("300", "0", "142.37", at(14h, 31min, 0s));
        QTest::newRow("FIX 4.4 Replaced")
            << fix44
            << "8=FIX.4.4|9=198|35=8|34=6|49=BROKER|52=20261129-14:30:30.002|56=DESK|"
               "37=BRK-7781|11=ORD-1002|41=ORD-1001|17=EX-5|150=5|39=1|55=IBM|54=1|38=1500|40=2|44=142.25|59=0|"
               "151=1200|14=300|6=142.37|60=20261129-14:30:30.000|10=122|"
            << Expected(kFix44, 6, "EX-5", ExecType::Replaced, OrdStatus::PartiallyFilled)
                   .request("ORD-1002", "ORD-1001")
                   .terms("1500", "142.25")
                   .totals("300", "1200", "142.37", at(14h, 30min, 30s));
        QTest::newRow("FIX 4.4 PendingCancel")
            << fix44
            << "8=FIX.4.4|9=196|35=8|34=7|49=BROKER|52=20261129-14:30:45.002|56=DESK|"
               "37=BRK-7781|11=ORD-1003|41=ORD-1001|17=EX-6|150=6|39=6|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "151=700|14=300|6=142.37|60=20261129-14:30:45.000|10=042|"
            << Expected(kFix44, 7, "EX-6", ExecType::PendingCancel, OrdStatus::PendingCancel)
                   .request("ORD-1003", "ORD-1001")
                   .totals("300", "700", "142.37", at(14h, 30min, 45s));
        QTest::newRow("FIX 4.4 Rejected, a stop limit short sale good till cancel")
            << fix44
            << "8=FIX.4.4|9=215|35=8|34=8|49=BROKER|52=20261129-14:32:00.002|56=DESK|"
               "37=NONE|11=ORD-1004|17=EX-7|150=8|39=8|103=0|58=Stop price is above the market|55=IBM|54=5|38=500|"
               "40=4|44=140|99=141|59=1|151=0|14=0|6=0|60=20261129-14:32:00.000|10=152|"
            << rejectedShortSale();
        QTest::newRow("FIX 4.4 DoneForDay")
            << fix44
            << "8=FIX.4.4|9=182|35=8|34=9|49=BROKER|52=20261129-21:00:00.002|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-8|150=3|39=3|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "151=0|14=300|6=142.37|60=20261129-21:00:00.000|10=039|"
            << Expected(kFix44, 9, "EX-8", ExecType::DoneForDay, OrdStatus::DoneForDay)
                   .totals("300", "0", "142.37", at(21h, 0min, 0s));
        QTest::newRow("FIX 4.4 TradeCorrect")
            << fix44
            << "8=FIX.4.4|9=210|35=8|34=10|49=BROKER|52=20261129-15:00:00.002|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-9|19=EX-2|150=G|39=1|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=142.35|151=700|14=300|6=142.35|60=20261129-15:00:00.000|10=110|"
            << Expected(kFix44, 10, "EX-9", ExecType::TradeCorrect, OrdStatus::PartiallyFilled)
                   .execRefId("EX-2")
                   .last("300", "142.35")
                   .totals("300", "700", "142.35", at(15h, 0min, 0s));
        QTest::newRow("FIX 4.4 TradeCancel")
            << fix44
            << "8=FIX.4.4|9=220|35=8|34=11|49=BROKER|52=20261129-15:01:00.002|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-10|19=EX-2|150=H|39=0|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "151=1000|14=0|6=0|58=Trade busted by the exchange|60=20261129-15:01:00.000|10=096|"
            << Expected(kFix44, 11, "EX-10", ExecType::TradeCancel, OrdStatus::New)
                   .execRefId("EX-2")
                   .text("Trade busted by the exchange")
                   .totals("0", "1000", "0", at(15h, 1min, 0s));
        QTest::newRow("FIX 4.4 OrderStatus, ExecID 0 as FIX 4.4 has it")
            << fix44
            << "8=FIX.4.4|9=205|35=8|34=12|49=BROKER|52=20261129-15:02:00.002|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=0|150=I|39=1|790=STATUS-1|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=0|31=0|151=700|14=300|6=142.37|60=20261129-15:02:00.000|10=197|"
            << Expected(kFix44, 12, "0", ExecType::OrderStatus, OrdStatus::PartiallyFilled)
                   .last("0", "0")
                   .totals("300", "700", "142.37", at(15h, 2min, 0s));
        QTest::newRow("FIX 4.2 PartialFill (ExecTransType New), LastShares, time to the second")
            << fix42
            << "8=FIX.4.2|9=215|35=8|34=3|49=BROKER|52=20261129-14:30:01|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|20=0|150=1|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|"
               "59=0|32=300|31=142.37|30=N|151=700|14=300|6=142.37|60=20261129-14:30:01|10=214|"
            << Expected(kFix42, 3, "EX-2", ExecType::Trade, OrdStatus::PartiallyFilled)
                   .last("300", "142.37")
                   .totals("300", "700", "142.37", at(14h, 30min, 1s));
        QTest::newRow("FIX 4.2 Fill (ExecTransType New)")
            << fix42
            << "8=FIX.4.2|9=214|35=8|34=4|49=BROKER|52=20261129-14:30:02|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-3|20=0|150=2|39=2|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|"
               "59=0|32=700|31=142.5|30=N|151=0|14=1000|6=142.461|60=20261129-14:30:02|10=162|"
            << Expected(kFix42, 4, "EX-3", ExecType::Trade, OrdStatus::Filled)
                   .last("700", "142.5")
                   .totals("1000", "0", "142.461", at(14h, 30min, 2s));
        // ExecTransType Cancel busts the trade ExecRefID names, whatever the ExecType says.
        QTest::newRow("FIX 4.2 bust (ExecTransType Cancel)")
            << fix42
            << "8=FIX.4.2|9=205|35=8|34=5|49=BROKER|52=20261129-15:01:00|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-4|20=1|19=EX-2|150=1|39=1|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=142.37|151=300|14=700|6=142.5|60=20261129-15:01:00|10=077|"
            << Expected(kFix42, 5, "EX-4", ExecType::TradeCancel, OrdStatus::PartiallyFilled)
                   .execRefId("EX-2")
                   .last("300", "142.37")
                   .totals("700", "300", "142.5", at(15h, 1min, 0s));
        QTest::newRow("FIX 4.2 correction (ExecTransType Correct) of EX-3 to 600 at 142.45")
            << fix42
            << "8=FIX.4.2|9=206|35=8|34=6|49=BROKER|52=20261129-15:02:00|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-5|20=2|19=EX-3|150=1|39=1|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=600|31=142.45|151=400|14=600|6=142.45|60=20261129-15:02:00|10=138|"
            << Expected(kFix42, 6, "EX-5", ExecType::TradeCorrect, OrdStatus::PartiallyFilled)
                   .execRefId("EX-3")
                   .last("600", "142.45")
                   .totals("600", "400", "142.45", at(15h, 2min, 0s));
        QTest::newRow("FIX 4.2 status (ExecTransType Status), although its ExecType says PartialFill")
            << fix42
            << "8=FIX.4.2|9=191|35=8|34=7|49=BROKER|52=20261129-15:03:00|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-6|20=3|150=1|39=1|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=0|31=0|151=400|14=600|6=142.45|60=20261129-15:03:00|10=137|"
            << Expected(kFix42, 7, "EX-6", ExecType::OrderStatus, OrdStatus::PartiallyFilled)
                   .last("0", "0")
                   .totals("600", "400", "142.45", at(15h, 3min, 0s));
        QTest::newRow("FIX 4.2 Replace with OrdStatus Replaced")
            << fix42
            << "8=FIX.4.2|9=195|35=8|34=8|49=BROKER|52=20261129-14:30:30|56=DESK|"
               "37=BRK-7781|11=ORD-1002|41=ORD-1001|17=EX-7|20=0|150=5|39=5|55=IBM|54=1|38=1500|40=2|44=142.25|"
               "59=0|151=1200|14=300|6=142.37|60=20261129-14:30:30|10=207|"
            << Expected(kFix42, 8, "EX-7", ExecType::Replaced, OrdStatus::Replaced)
                   .request("ORD-1002", "ORD-1001")
                   .terms("1500", "142.25")
                   .totals("300", "1200", "142.37", at(14h, 30min, 30s));
    }
    void translatesExecutionReports() {
        QFETCH(QString, session);
        QFETCH(QString, message);
        QFETCH(Inbound<ExecutionReport>, expected);
        const auto report = translate(session.toStdString(), message.toStdString());
        QVERIFY2(report.ok(), problem(report));
        compareEnvelopes(report->envelope, expected.envelope);
        QCOMPARE(report->envelope.raw, wire(message.toStdString())->text());
        compareReports(report->event, expected.event);
    }

    void cancelRejects_data() {
        QTest::addColumn<QString>("session");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("msgSeqNum");
        QTest::addColumn<QString>("clOrdId");
        QTest::addColumn<bool>("toReplace");
        QTest::addColumn<int>("ordStatus");
        QTest::addColumn<QString>("reason");
        QTest::newRow("FIX 4.4, a cancel too late")
            << QString::fromStdString(kFix44)
            << "8=FIX.4.4|9=154|35=9|34=13|49=BROKER|52=20261129-14:31:00.002|56=DESK|"
               "37=BRK-7781|11=ORD-1003|41=ORD-1001|39=2|434=1|102=0|58=Too late to cancel|60=20261129-14:31:00.000|10=110|"
            << 13 << "ORD-1003" << false << int(OrdStatus::Filled) << "TooLateToCancel: Too late to cancel";
        QTest::newRow("FIX 4.2, a replace of an order not found")
            << QString::fromStdString(kFix42)
            << "8=FIX.4.2|9=142|35=9|34=9|49=BROKER|52=20261129-14:31:00|56=DESK|"
               "37=BRK-7781|11=ORD-1002|41=ORD-1001|39=1|434=2|102=1|58=Order not found|60=20261129-14:31:00|10=232|"
            << 9 << "ORD-1002" << true << int(OrdStatus::PartiallyFilled) << "UnknownOrder: Order not found";
    }
    void cancelRejects() {
        QFETCH(QString, session);
        QFETCH(QString, message);
        QFETCH(int, msgSeqNum);
        QFETCH(QString, clOrdId);
        QFETCH(bool, toReplace);
        QFETCH(int, ordStatus);
        QFETCH(QString, reason);
        const auto parsed = wire(message.toStdString());
        QVERIFY2(parsed.ok(), problem(parsed));
        const auto reject = fix_translator::cancelReject(*parsed, session.toStdString(), kReceivedAt);
        QVERIFY2(reject.ok(), problem(reject));
        CancelReject expected;
        expected.clOrdId = clOrdId.toStdString();
        expected.origClOrdId = "ORD-1001";
        expected.brokerOrderId = "BRK-7781";
        expected.responseTo = toReplace ? RequestKind::Replace : RequestKind::Cancel;
        expected.ordStatus = OrdStatus(ordStatus);
        expected.reason = reason.toStdString();
        compareEnvelopes(reject->envelope,
                         {session.toStdString(), msgSeqNum, msgtype::OrderCancelReject, parsed->text(), kReceivedAt});
        QCOMPARE(reject->envelope.raw, parsed->text());
        compareRejects(reject->event, expected);
    }

    void refusesWithTheFieldNamed_data() {
        QTest::addColumn<QString>("session");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("error");
        const auto fix44 = QString::fromStdString(kFix44);
        const auto fix42 = QString::fromStdString(kFix42);
        // The partial fill of fix44PartialFill and fix42PartialFill, each with one thing wrong.
        QTest::newRow("OrdStatus missing")
            << fix44
            << "8=FIX.4.4|9=216|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=F|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=142.37|30=XNYS|151=700|14=300|6=142.37|60=20261129-14:30:01.250|10=211|"
            << "ExecutionReport EX-2: OrdStatus (39) is missing";
        QTest::newRow("Symbol missing")
            << fix44
            << "8=FIX.4.4|9=214|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=F|39=1|1=GROWTH-PB|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=142.37|30=XNYS|151=700|14=300|6=142.37|60=20261129-14:30:01.250|10=044|"
            << "ExecutionReport EX-2: Symbol (55) is missing";
        QTest::newRow("Side missing")
            << fix44
            << "8=FIX.4.4|9=216|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=F|39=1|1=GROWTH-PB|55=IBM|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=142.37|30=XNYS|151=700|14=300|6=142.37|60=20261129-14:30:01.250|10=214|"
            << "ExecutionReport EX-2: Side (54) is missing";
        QTest::newRow("CumQty missing")
            << fix44
            << "8=FIX.4.4|9=214|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=F|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=142.37|30=XNYS|151=700|6=142.37|60=20261129-14:30:01.250|10=118|"
            << "ExecutionReport EX-2: CumQty (14) is missing";
        QTest::newRow("LeavesQty missing")
            << fix44
            << "8=FIX.4.4|9=213|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=F|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=142.37|30=XNYS|14=300|6=142.37|60=20261129-14:30:01.250|10=063|"
            << "ExecutionReport EX-2: LeavesQty (151) is missing";
        QTest::newRow("ExecID missing")
            << fix44
            << "8=FIX.4.4|9=213|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|150=F|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=142.37|30=XNYS|151=700|14=300|6=142.37|60=20261129-14:30:01.250|10=009|"
            << "ExecutionReport without ExecID: ExecID (17) is missing";
        QTest::newRow("LastPx negative on a fill")
            << fix44
            << "8=FIX.4.4|9=222|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=F|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=-142.37|30=XNYS|151=700|14=300|6=142.37|60=20261129-14:30:01.250|10=216|"
            << "ExecutionReport EX-2: LastPx (31) -142.37 is not a positive price";
        QTest::newRow("LastPx zero on a fill")
            << fix44
            << "8=FIX.4.4|9=216|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=F|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=0|30=XNYS|151=700|14=300|6=142.37|60=20261129-14:30:01.250|10=175|"
            << "ExecutionReport EX-2: LastPx (31) 0 is not a positive price";
        QTest::newRow("LastQty beyond the limit")
            << fix44
            << "8=FIX.4.4|9=228|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=F|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=1000000001|31=142.37|30=XNYS|151=700|14=300|6=142.37|60=20261129-14:30:01.250|10=000|"
            << "ExecutionReport EX-2: LastQty (32) 1000000001 is beyond the limit of 1000000000 units";
        QTest::newRow("LastQty with an exponent")
            << fix44
            << "8=FIX.4.4|9=221|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=F|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=1e5|31=142.37|30=XNYS|151=700|14=300|6=142.37|60=20261129-14:30:01.250|10=226|"
            << "ExecutionReport EX-2: LastQty (32) '1e5' is not a decimal number";
        QTest::newRow("LastPx with a decimal comma")
            << fix44
            << "8=FIX.4.4|9=219|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=F|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=12,5|30=XNYS|151=700|14=300|6=142.37|60=20261129-14:30:01.250|10=070|"
            << "ExecutionReport EX-2: LastPx (31) '12,5' is not a decimal number";
        QTest::newRow("ExecType unknown")
            << fix44
            << "8=FIX.4.4|9=221|35=8|34=3|49=BROKER|52=20261129-14:30:01.252|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|150=Z|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=142.37|30=XNYS|151=700|14=300|6=142.37|60=20261129-14:30:01.250|10=190|"
            << "ExecutionReport EX-2: ExecType (150) 'Z' is not a value this book knows";
        QTest::newRow("FIX 4.2 fill without LastShares")
            << fix42
            << "8=FIX.4.2|9=208|35=8|34=3|49=BROKER|52=20261129-14:30:01|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|20=0|150=1|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "31=142.37|30=N|151=700|14=300|6=142.37|60=20261129-14:30:01|10=162|"
            << "ExecutionReport EX-2: LastQty (32) is missing";
        QTest::newRow("FIX 4.2 ExecTransType unknown")
            << fix42
            << "8=FIX.4.2|9=215|35=8|34=3|49=BROKER|52=20261129-14:30:01|56=DESK|"
               "37=BRK-7781|11=ORD-1001|17=EX-2|20=4|150=1|39=1|1=GROWTH-PB|55=IBM|54=1|38=1000|40=2|44=142.5|59=0|"
               "32=300|31=142.37|30=N|151=700|14=300|6=142.37|60=20261129-14:30:01|10=218|"
            << "ExecutionReport EX-2: ExecTransType (20) '4' is not an ExecTransType";
    }
    void refusesWithTheFieldNamed() {
        QFETCH(QString, session);
        QFETCH(QString, message);
        QFETCH(QString, error);
        const auto report = translate(session.toStdString(), message.toStdString());
        QVERIFY(!report.ok());
        QCOMPARE(report.error(), error.toStdString());
    }

    void newOrderSingle() {
        OutboundRequest request{RequestKind::New, ibmOrder(), "ORD-1001", {}, ibmOrder().terms};
        const auto message = fix_translator::outbound(request, at(14h, 30min, 0s, 120ms));
        QCOMPARE(message.msgType, std::string("D"));
        const auto expected =
            handWritten("35=D|11=ORD-1001|1=GROWTH-PB|21=1|55=IBM|54=1|60=20261129-14:30:00.120|38=1000|40=2|44=142.5|59=0|");
        QCOMPARE(sortedFields(parsedOutbound(message)), sortedFields(expected));
    }

    void orderCancelRequest() {
        OutboundRequest request{RequestKind::Cancel, ibmOrder(), "ORD-1003", "ORD-1001", {}};
        const auto message = fix_translator::outbound(request, at(14h, 31min, 0s));
        QCOMPARE(message.msgType, std::string("F"));
        const auto expected =
            handWritten("35=F|11=ORD-1003|41=ORD-1001|37=BRK-7781|1=GROWTH-PB|55=IBM|54=1|60=20261129-14:31:00.000|38=1000|");
        QCOMPARE(sortedFields(parsedOutbound(message)), sortedFields(expected));
    }

    void orderCancelReplaceRequest() {
        // A block order for two accounts, raised from 1000 to 1500 and made good till 4 December: the pre-allocation
        // keeps its proportions, 600:400.
        auto order = ibmOrder();
        order.allocations = {{"GROWTH-PB", Qty::of("600")}, {"INCOME-PB", Qty::of("400")}};
        OrderTerms terms{Qty::of("1500"),           OrdType::Limit,
                         Price::of("142.25"),       {},
                         TimeInForce::GoodTillDate, sys_days{2026y / December / 4} + 21h};
        OutboundRequest request{RequestKind::Replace, order, "ORD-1002", "ORD-1001", terms};
        const auto message = fix_translator::outbound(request, at(14h, 30min, 30s));
        QCOMPARE(message.msgType, std::string("G"));
        const auto expected = handWritten(
            "35=G|11=ORD-1002|41=ORD-1001|37=BRK-7781|1=GROWTH-PB|21=1|55=IBM|54=1|60=20261129-14:30:30.000|38=1500|40=2|"
            "44=142.25|59=6|126=20261204-21:00:00.000|78=2|79=GROWTH-PB|80=900|79=INCOME-PB|80=600|");
        const auto actual = parsedOutbound(message);
        QCOMPARE(sortedFields(actual), sortedFields(expected));
        QCOMPARE(allocations(actual), allocations(expected));
    }

    void instrumentIdentifiers_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, RequestKind kind, const char* expected) {
            QTest::newRow(name) << static_cast<int>(kind) << QString::fromLatin1(expected);
        };
        row("NewOrderSingle", RequestKind::New,
            "35=D|11=ORD-1002|1=GROWTH-PB|21=1|55=IBM|48=US4592001014|22=4|100=XNYS|54=1|60=20261129-14:30:00.000|38=1000|"
            "40=2|44=142.5|59=0|");
        row("OrderCancelReplaceRequest (ExDestination too)", RequestKind::Replace,
            "35=G|11=ORD-1002|41=ORD-1001|37=BRK-7781|1=GROWTH-PB|21=1|55=IBM|48=US4592001014|22=4|100=XNYS|54=1|"
            "60=20261129-14:30:00.000|38=1000|40=2|44=142.5|59=0|");
        row("OrderCancelRequest (no ExDestination in FIX)", RequestKind::Cancel,
            "35=F|11=ORD-1002|41=ORD-1001|37=BRK-7781|1=GROWTH-PB|55=IBM|48=US4592001014|22=4|54=1|"
            "60=20261129-14:30:00.000|38=1000|");
        row("OrderStatusRequest", RequestKind::Status, "35=H|11=ORD-1002|37=BRK-7781|55=IBM|48=US4592001014|22=4|54=1|");
    }
    void instrumentIdentifiers() {
        // The fields set go with each request; the tests above send none and see none.
        QFETCH(int, kind);
        QFETCH(QString, expected);
        const auto requestKind = static_cast<RequestKind>(kind);
        OutboundRequest request{requestKind, ibmOrder(), "ORD-1002", {}, ibmOrder().terms};
        if (requestKind == RequestKind::Cancel || requestKind == RequestKind::Replace) request.origClOrdId = "ORD-1001";
        const InstrumentFields identifiers{"US4592001014", "4", "XNYS"};
        const auto message = fix_translator::outbound(request, at(14h, 30min, 0s), identifiers);
        QCOMPARE(sortedFields(parsedOutbound(message)), sortedFields(handWritten(expected.toStdString())));
    }
    void securityIdAlone() {
        OutboundRequest request{RequestKind::New, ibmOrder(), "ORD-1001", {}, ibmOrder().terms};
        const auto message = fix_translator::outbound(request, at(14h, 30min, 0s), {"459200101", "1", ""});
        const auto fields = sortedFields(parsedOutbound(message));
        QVERIFY2(fields.find("|48=459200101|") != std::string::npos, fields.c_str());
        QVERIFY2(fields.find("|22=1|") != std::string::npos, fields.c_str());
        QVERIFY2(fields.find("|100=") == std::string::npos, fields.c_str());
    }
};

QTEST_GUILESS_MAIN(TestFixTranslator)
#include "tst_fixtranslator.moc"
