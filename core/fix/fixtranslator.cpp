#include "fixtranslator.h"

#include "domain/limits.h"
#include "fix/fixdictionary.h"
#include "portfolio/blockallocation.h"

#include <cstdio>

namespace ob {

FixVersion fixVersionOf(std::string_view session) {
    return session.substr(0, 8) == "FIX.4.2:" ? FixVersion::Fix42 : FixVersion::Fix44;
}

std::string toFixTimestamp(Timestamp time) {
    using namespace std::chrono;
    const auto day = floor<days>(time);
    const year_month_day ymd{day};
    const hh_mm_ss hms{floor<milliseconds>(time - day)};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02u-%02ld:%02ld:%02lld.%03lld", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                  static_cast<long>(hms.minutes().count()), static_cast<long long>(hms.seconds().count()),
                  static_cast<long long>(hms.subseconds().count()));
    return buffer;
}

std::optional<Timestamp> parseFixTimestamp(std::string_view text) {
    // YYYYMMDD-HH:MM:SS[.fraction] is ISO 8601 in other clothes.
    if (text.size() < 17 || text[8] != '-') return std::nullopt;
    std::string iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" + std::string(text.substr(6, 2)) +
                      "T" + std::string(text.substr(9)) + "Z";
    return parseIsoTimestamp(iso);
}

namespace fix_translator {

namespace {

using fixengine::Field;

/// Reads fields of one message, collecting the first problem with its tag.
class Reader {
public:
    Reader(const FixMessage& message, std::string what) : message_(message), what_(std::move(what)) {}

    std::string text(int tag) const { return message_.getOr(tag); }

    template <typename T>
    std::optional<T> decimal(int tag) {
        auto value = message_.get(tag);
        if (!value || value->empty()) return std::nullopt;
        auto parsed = T::parse(*value);
        if (!parsed) fail(tag, parsed.error());
        return parsed ? std::optional<T>(*parsed) : std::nullopt;
    }

    template <typename E>
    std::optional<E> code(int tag) {
        auto value = message_.get(tag);
        if (!value || value->empty()) return std::nullopt;
        auto parsed = value->size() == 1 ? enumFromFixCode<E>((*value)[0]) : std::nullopt;
        if (!parsed) fail(tag, "'" + std::string(*value) + "' is not a value this book knows");
        return parsed;
    }

    /// A quantity: not negative, not beyond the desk's limit.
    std::optional<Qty> quantity(int tag) {
        auto value = decimal<Qty>(tag);
        if (value)
            if (auto problem = limits::quantityProblem(*value)) fail(tag, *problem);
        return value;
    }

    /// A price: positive where `positive`, else positive or zero (a report that has none to give); within the limit.
    std::optional<Price> price(int tag, bool positive = false) {
        auto value = decimal<Price>(tag);
        if (value && (positive || !value->isZero()))
            if (auto problem = limits::priceProblem(*value)) fail(tag, *problem);
        return value;
    }

    void require(int tag) {
        auto value = message_.get(tag);
        if (!value || value->empty()) fail(tag, "is missing");
    }

    void fail(int tag, const std::string& problem) {
        if (!problem_.empty()) return;
        const auto name = FixDictionary::tagName(tag);
        problem_ = what_ + ": " + (name.empty() ? std::string("tag") : std::string(name)) + " (" + std::to_string(tag) + ") " + problem;
    }
    bool failed() const { return !problem_.empty(); }
    Error error() const { return Error{problem_}; }

private:
    const FixMessage& message_;
    std::string what_;
    std::string problem_;
};

/// ExecType from the message, reading FIX 4.2's ExecTransType and fill codes.
std::optional<ExecType> execTypeOf(const FixMessage& message, Reader& reader) {
    const auto execType = message.getOr(150);
    const auto transType = message.getOr(20);
    if (transType == "1") return ExecType::TradeCancel;
    if (transType == "2") return ExecType::TradeCorrect;
    if (transType == "3") return ExecType::OrderStatus;
    if (!transType.empty() && transType != "0") {
        reader.fail(20, "'" + transType + "' is not an ExecTransType");
        return std::nullopt;
    }
    if (execType == "1" || execType == "2") return ExecType::Trade;  // FIX 4.2's PartialFill and Fill
    return reader.code<ExecType>(150);
}

void add(std::vector<Field>& fields, int tag, const std::string& value) {
    if (!value.empty()) fields.push_back({tag, value});
}

void addTerms(std::vector<Field>& fields, const OrderTerms& terms) {
    add(fields, 38, terms.quantity.toString());
    add(fields, 40, std::string(1, fixCodeOf(terms.type)));
    if (terms.limitPrice) add(fields, 44, terms.limitPrice->toString());
    if (terms.stopPrice) add(fields, 99, terms.stopPrice->toString());
    add(fields, 59, std::string(1, fixCodeOf(terms.timeInForce)));
    if (terms.expireTime) add(fields, 126, toFixTimestamp(*terms.expireTime));
}

}  // namespace

Result<ExecutionReport> executionReport(const FixMessage& message, const std::string& session, Timestamp receivedAt) {
    Reader reader(message, "ExecutionReport " + message.getOr(17, "without ExecID"));
    ExecutionReport report;
    report.session = session;
    report.receivedAt = receivedAt;
    report.msgSeqNum = message.msgSeqNum();
    report.execId = reader.text(17);
    report.clOrdId = reader.text(11);
    report.origClOrdId = reader.text(41);
    report.brokerOrderId = reader.text(37);
    report.execRefId = reader.text(19);
    report.text = reader.text(58);
    reader.require(150);
    if (auto type = execTypeOf(message, reader)) report.execType = *type;
    report.ordStatus = reader.code<OrdStatus>(39);
    if (report.execType != ExecType::OrderStatus) reader.require(17);
    if (report.clOrdId.empty() && report.origClOrdId.empty() && report.brokerOrderId.empty())
        reader.fail(11, "is missing, and so are OrigClOrdID (41) and OrderID (37)");
    report.symbol = reader.text(55);
    report.side = reader.code<Side>(54);
    const bool isFill = report.execType == ExecType::Trade || report.execType == ExecType::TradeCorrect;
    report.orderQty = reader.quantity(38);
    report.lastQty = reader.quantity(32);
    report.lastPx = reader.price(31, isFill);
    report.cumQty = reader.quantity(14);
    report.leavesQty = reader.quantity(151);
    report.avgPx = reader.price(6);
    report.price = reader.price(44);
    report.stopPx = reader.price(99);
    report.ordType = reader.code<OrdType>(40);
    report.timeInForce = reader.code<TimeInForce>(59);
    if (auto time = message.get(60)) report.transactTime = parseFixTimestamp(*time);
    // What FIX 4.2 and 4.4 require of every ExecutionReport, and the book checks against the order.
    for (const int tag : {39, 55, 54, 14, 151}) reader.require(tag);
    if (isFill) {
        reader.require(32);
        reader.require(31);
    }
    if ((report.execType == ExecType::TradeCancel || report.execType == ExecType::TradeCorrect) && report.execRefId.empty())
        reader.fail(19, "is missing: a trade cancel or correction must name the execution");
    if (reader.failed()) return reader.error();
    return report;
}

Result<CancelReject> cancelReject(const FixMessage& message, const std::string& session, Timestamp receivedAt) {
    Reader reader(message, "OrderCancelReject " + message.getOr(11));
    CancelReject reject;
    reject.session = session;
    reject.receivedAt = receivedAt;
    reject.msgSeqNum = message.msgSeqNum();
    reject.clOrdId = reader.text(11);
    reject.origClOrdId = reader.text(41);
    reject.brokerOrderId = reader.text(37);
    reject.responseTo = message.getOr(434) == "2" ? RequestKind::Replace : RequestKind::Cancel;
    reader.require(11);
    if (message.get(39)) reject.ordStatus = reader.code<OrdStatus>(39);
    reject.reason = rejectReason(message);
    if (reader.failed()) return reader.error();
    return reject;
}

std::string businessRejectRefId(const FixMessage& message) { return message.getOr(379); }

std::string rejectReason(const FixMessage& message) {
    std::string reason = message.getOr(58);
    for (const int tag : {102, 373, 380}) {
        auto code = message.get(tag);
        if (!code) continue;
        const auto name = FixDictionary::valueName(tag, *code);
        const std::string label = name.empty() ? std::string(FixDictionary::tagName(tag)) + " " + std::string(*code) : std::string(name);
        reason = reason.empty() ? label : label + ": " + reason;
    }
    if (auto ref = message.get(371)) reason += " (tag " + std::string(*ref) + ")";
    return reason.empty() ? std::string("no reason given") : reason;
}

fixengine::OutboundMessage outbound(const OutboundRequest& request, Timestamp now) {
    const auto& order = request.order;
    fixengine::OutboundMessage message;
    auto& fields = message.fields;
    switch (request.kind) {
    case RequestKind::New: message.msgType = "D"; break;
    case RequestKind::Cancel: message.msgType = "F"; break;
    case RequestKind::Replace: message.msgType = "G"; break;
    case RequestKind::Status: message.msgType = "H"; break;
    }
    if (request.possResend) message.header.push_back({97, "Y"});
    add(fields, 11, request.clOrdId);
    if (request.kind == RequestKind::Status) {
        // OrderStatusRequest: ClOrdID, OrderID when known, Side and Symbol (required in FIX 4.2, Instrument in 4.4).
        add(fields, 37, order.brokerOrderId);
        add(fields, 55, order.symbol);
        add(fields, 54, std::string(1, fixCodeOf(order.side)));
        return message;
    }
    if (request.kind != RequestKind::New) {
        add(fields, 41, request.origClOrdId);
        add(fields, 37, order.brokerOrderId);
    }
    add(fields, 1, order.account);
    if (request.kind != RequestKind::Cancel) add(fields, 21, "1");  // automated, no broker intervention (required in 4.2)
    add(fields, 55, order.symbol);
    add(fields, 54, std::string(1, fixCodeOf(order.side)));
    add(fields, 60, toFixTimestamp(now));
    if (request.kind == RequestKind::Cancel) {
        add(fields, 38, order.terms.quantity.toString());
    } else {
        addTerms(fields, request.terms);
        // A block order tells the broker its pre-allocation (NoAllocs: AllocAccount, AllocQty/AllocShares),
        // in the same proportions when the quantity changes.
        if (order.isBlock()) {
            fixengine::Group allocations{78, 79, {}};
            const auto parts = splitProRata(order.allocations, request.terms.quantity);
            for (std::size_t i = 0; i < parts.size(); ++i)
                allocations.entries.push_back({{79, order.allocations[i].account}, {80, parts[i].toString()}});
            message.groups.push_back(std::move(allocations));
        }
    }
    return message;  // these fields mean the same in FIX 4.2 and 4.4
}

}  // namespace fix_translator
}  // namespace ob
