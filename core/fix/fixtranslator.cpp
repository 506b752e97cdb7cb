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
    std::string iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" +
                      std::string(text.substr(6, 2)) + "T" + std::string(text.substr(9)) + "Z";
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
        problem_ =
            what_ + ": " + (name.empty() ? std::string("tag") : std::string(name)) + " (" + std::to_string(tag) + ") " + problem;
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
    const auto execType = message.getOr(fixtag::ExecType);
    const auto transType = message.getOr(fixtag::ExecTransType);
    if (transType == "1") return ExecType::TradeCancel;
    if (transType == "2") return ExecType::TradeCorrect;
    if (transType == "3") return ExecType::OrderStatus;
    if (!transType.empty() && transType != "0") {
        reader.fail(fixtag::ExecTransType, "'" + transType + "' is not an ExecTransType");
        return std::nullopt;
    }
    if (execType == "1" || execType == "2") return ExecType::Trade;  // FIX 4.2's PartialFill and Fill
    return reader.code<ExecType>(fixtag::ExecType);
}

void add(std::vector<Field>& fields, int tag, const std::string& value) {
    if (!value.empty()) fields.push_back({tag, value});
}

void addTerms(std::vector<Field>& fields, const OrderTerms& terms) {
    add(fields, fixtag::OrderQty, terms.quantity.toString());
    add(fields, fixtag::OrdType, std::string(1, fixCodeOf(terms.type)));
    if (terms.limitPrice) add(fields, fixtag::Price, terms.limitPrice->toString());
    if (terms.stopPrice) add(fields, fixtag::StopPx, terms.stopPrice->toString());
    add(fields, fixtag::TimeInForce, std::string(1, fixCodeOf(terms.timeInForce)));
    if (terms.expireTime) add(fields, fixtag::ExpireTime, toFixTimestamp(*terms.expireTime));
}

void addSecurityId(std::vector<Field>& fields, const InstrumentFields& identifiers) {
    if (identifiers.securityId.empty()) return;
    add(fields, fixtag::SecurityID, identifiers.securityId);
    add(fields, fixtag::SecurityIDSource, identifiers.securityIdSource);
}

}  // namespace

Envelope envelopeOf(const FixMessage& message, const std::string& session, Timestamp receivedAt) {
    return {session, message.msgSeqNum(), std::string(message.msgType()), message.text(), receivedAt};
}

Result<Inbound<ExecutionReport>> executionReport(const FixMessage& message, const std::string& session, Timestamp receivedAt) {
    Reader reader(message, "ExecutionReport " + message.getOr(fixtag::ExecID, "without ExecID"));
    ExecutionReport report;
    report.execId = reader.text(fixtag::ExecID);
    report.clOrdId = reader.text(fixtag::ClOrdID);
    report.origClOrdId = reader.text(fixtag::OrigClOrdID);
    report.brokerOrderId = reader.text(fixtag::OrderID);
    report.execRefId = reader.text(fixtag::ExecRefID);
    report.text = reader.text(fixtag::Text);
    reader.require(fixtag::ExecType);
    if (auto type = execTypeOf(message, reader)) report.execType = *type;
    report.ordStatus = reader.code<OrdStatus>(fixtag::OrdStatus);
    if (report.execType != ExecType::OrderStatus) reader.require(fixtag::ExecID);
    if (report.clOrdId.empty() && report.origClOrdId.empty() && report.brokerOrderId.empty())
        reader.fail(fixtag::ClOrdID, "is missing, and so are OrigClOrdID (41) and OrderID (37)");
    report.symbol = reader.text(fixtag::Symbol);
    report.side = reader.code<Side>(fixtag::Side);
    const bool isFill = report.execType == ExecType::Trade || report.execType == ExecType::TradeCorrect;
    report.orderQty = reader.quantity(fixtag::OrderQty);
    report.lastQty = reader.quantity(fixtag::LastQty);
    report.lastPx = reader.price(fixtag::LastPx, isFill);
    report.cumQty = reader.quantity(fixtag::CumQty);
    report.leavesQty = reader.quantity(fixtag::LeavesQty);
    report.avgPx = reader.price(fixtag::AvgPx);
    report.price = reader.price(fixtag::Price);
    report.stopPx = reader.price(fixtag::StopPx);
    report.ordType = reader.code<OrdType>(fixtag::OrdType);
    report.timeInForce = reader.code<TimeInForce>(fixtag::TimeInForce);
    if (auto time = message.get(fixtag::TransactTime)) report.transactTime = parseFixTimestamp(*time);
    // What FIX 4.2 and 4.4 require of every ExecutionReport, and the book checks against the order.
    for (const int tag : {fixtag::OrdStatus, fixtag::Symbol, fixtag::Side, fixtag::CumQty, fixtag::LeavesQty})
        reader.require(tag);
    if (isFill) {
        reader.require(fixtag::LastQty);
        reader.require(fixtag::LastPx);
    }
    if ((report.execType == ExecType::TradeCancel || report.execType == ExecType::TradeCorrect) && report.execRefId.empty())
        reader.fail(fixtag::ExecRefID, "is missing: a trade cancel or correction must name the execution");
    if (reader.failed()) return reader.error();
    return Inbound<ExecutionReport>{envelopeOf(message, session, receivedAt), std::move(report)};
}

Result<Inbound<CancelReject>> cancelReject(const FixMessage& message, const std::string& session, Timestamp receivedAt) {
    Reader reader(message, "OrderCancelReject " + message.getOr(fixtag::ClOrdID));
    CancelReject reject;
    reject.clOrdId = reader.text(fixtag::ClOrdID);
    reject.origClOrdId = reader.text(fixtag::OrigClOrdID);
    reject.brokerOrderId = reader.text(fixtag::OrderID);
    reject.responseTo = message.getOr(fixtag::CxlRejResponseTo) == "2" ? RequestKind::Replace : RequestKind::Cancel;
    reader.require(fixtag::ClOrdID);
    if (message.get(fixtag::OrdStatus)) reject.ordStatus = reader.code<OrdStatus>(fixtag::OrdStatus);
    reject.reason = rejectReason(message);
    if (reader.failed()) return reader.error();
    return Inbound<CancelReject>{envelopeOf(message, session, receivedAt), std::move(reject)};
}

std::string businessRejectRefId(const FixMessage& message) { return message.getOr(fixtag::BusinessRejectRefID); }

std::string rejectReason(const FixMessage& message) {
    std::string reason = message.getOr(fixtag::Text);
    for (const int tag : {fixtag::CxlRejReason, fixtag::SessionRejectReason, fixtag::BusinessRejectReason}) {
        auto code = message.get(tag);
        if (!code) continue;
        const auto name = FixDictionary::valueName(tag, *code);
        const std::string label =
            name.empty() ? std::string(FixDictionary::tagName(tag)) + " " + std::string(*code) : std::string(name);
        reason = reason.empty() ? label : label + ": " + reason;
    }
    if (auto ref = message.get(fixtag::RefTagID)) reason += " (tag " + std::string(*ref) + ")";
    return reason.empty() ? std::string("no reason given") : reason;
}

fixengine::OutboundMessage outbound(const OutboundRequest& request, Timestamp now, const InstrumentFields& identifiers) {
    const auto& order = request.order;
    fixengine::OutboundMessage message;
    auto& fields = message.fields;
    switch (request.kind) {
        case RequestKind::New: message.msgType = "D"; break;
        case RequestKind::Cancel: message.msgType = "F"; break;
        case RequestKind::Replace: message.msgType = "G"; break;
        case RequestKind::Status: message.msgType = "H"; break;
    }
    if (request.possResend) message.header.push_back({fixtag::PossResend, "Y"});
    add(fields, fixtag::ClOrdID, request.clOrdId);
    if (request.kind == RequestKind::Status) {
        // OrderStatusRequest: ClOrdID, OrderID when known, Side and Symbol (required in FIX 4.2, Instrument in 4.4).
        add(fields, fixtag::OrderID, order.brokerOrderId);
        add(fields, fixtag::Symbol, order.symbol);
        addSecurityId(fields, identifiers);
        add(fields, fixtag::Side, std::string(1, fixCodeOf(order.side)));
        return message;
    }
    if (request.kind != RequestKind::New) {
        add(fields, fixtag::OrigClOrdID, request.origClOrdId);
        add(fields, fixtag::OrderID, order.brokerOrderId);
    }
    add(fields, fixtag::Account, order.account);
    if (request.kind != RequestKind::Cancel)
        add(fields, fixtag::HandlInst, "1");  // automated, no broker intervention (required in 4.2)
    add(fields, fixtag::Symbol, order.symbol);
    addSecurityId(fields, identifiers);
    // OrderCancelRequest has no ExDestination in FIX 4.2 or 4.4: a broker that checks its dictionary refuses one.
    if (request.kind != RequestKind::Cancel) add(fields, fixtag::ExDestination, identifiers.exDestination);
    add(fields, fixtag::Side, std::string(1, fixCodeOf(order.side)));
    add(fields, fixtag::TransactTime, toFixTimestamp(now));
    if (request.kind == RequestKind::Cancel) {
        add(fields, fixtag::OrderQty, order.terms.quantity.toString());
    } else {
        addTerms(fields, request.terms);
        // A block order tells the broker its pre-allocation (NoAllocs: AllocAccount, AllocQty/AllocShares),
        // in the same proportions when the quantity changes.
        if (order.isBlock()) {
            fixengine::Group allocations{fixtag::NoAllocs, fixtag::AllocAccount, {}};
            const auto parts = splitProRata(order.allocations, request.terms.quantity);
            for (std::size_t i = 0; i < parts.size(); ++i)
                allocations.entries.push_back(
                    {{fixtag::AllocAccount, order.allocations[i].account}, {fixtag::AllocQty, parts[i].toString()}});
            message.groups.push_back(std::move(allocations));
        }
    }
    return message;  // these fields mean the same in FIX 4.2 and 4.4
}

}  // namespace fix_translator
}  // namespace ob
