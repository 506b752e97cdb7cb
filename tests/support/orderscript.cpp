#include "orderscript.h"

#include <fstream>
#include <map>
#include <sstream>
#include <vector>

namespace ob::test {

namespace {

struct Command {
    std::vector<std::string> words;              // positional words
    std::map<std::string, std::string> options;  // key=value
};

std::vector<std::string> tokenize(std::string_view text) {
    std::vector<std::string> tokens;
    std::string current;
    bool quoted = false;
    bool any = false;
    for (char c : text) {
        if (c == '"') {
            quoted = !quoted;
            any = true;
        } else if (!quoted && (c == ' ' || c == '\t')) {
            if (any) tokens.push_back(current);
            current.clear();
            any = false;
        } else {
            current.push_back(c);
            any = true;
        }
    }
    if (any) tokens.push_back(current);
    return tokens;
}

Command parseCommand(std::string_view text) {
    Command command;
    for (auto& token : tokenize(text)) {
        auto eq = token.find('=');
        if (eq == std::string::npos)
            command.words.push_back(token);
        else
            command.options[token.substr(0, eq)] = token.substr(eq + 1);
    }
    return command;
}

template <typename E>
E parseEnum(const std::string& text) {
    auto value = enumFromName<E>(text);
    if (!value) throw std::invalid_argument("unknown value '" + text + "'");
    return *value;
}

std::string describe(const Order& order) {
    const auto& s = order.state;
    return std::string(nameOf(s.status())) + " " + s.terms.quantity.toString() + " " + s.cumQty.toString() + " " +
           s.leavesQty().toString() + " avg=" + s.avgPx().toString();
}

void applyTermOptions(OrderTerms& terms, const std::map<std::string, std::string>& options) {
    if (auto it = options.find("qty"); it != options.end()) terms.quantity = Qty::of(it->second);
    if (auto it = options.find("type"); it != options.end()) terms.type = parseEnum<OrdType>(it->second);
    if (auto it = options.find("px"); it != options.end()) terms.limitPrice = Price::of(it->second);
    if (auto it = options.find("stop"); it != options.end()) terms.stopPrice = Price::of(it->second);
    if (auto it = options.find("tif"); it != options.end()) terms.timeInForce = parseEnum<TimeInForce>(it->second);
    if (terms.type == OrdType::Market || terms.type == OrdType::Stop) terms.limitPrice.reset();
}

std::pair<std::string, std::string> splitIds(const std::string& ids) {
    auto slash = ids.find('/');
    if (slash == std::string::npos) return {ids, {}};
    return {ids.substr(0, slash), ids.substr(slash + 1)};
}

std::string option(const Command& command, const std::string& key, std::string fallback = {}) {
    auto it = command.options.find(key);
    return it == command.options.end() ? fallback : it->second;
}

/// Where the script's reports and rejects come from: `session=` or the default session, now.
Envelope envelopeOf(const Command& command) {
    return {option(command, "session", "FIX.4.4:BUYSIDE->SELLSIDE"), 0, {}, {}, nowUtc()};
}

ExecutionReport buildReport(const Command& command, int lineNumber) {
    if (command.words.size() < 3) throw std::invalid_argument("exec needs <ClOrdID>[/<Orig>] <ExecType>");
    ExecutionReport report;
    std::tie(report.clOrdId, report.origClOrdId) = splitIds(command.words[1]);
    report.execType = parseEnum<ExecType>(command.words[2]);
    report.execId = option(command, "id", "L" + std::to_string(lineNumber));
    report.execRefId = option(command, "ref");
    report.brokerOrderId = option(command, "orderid");
    report.text = option(command, "text");
    if (auto last = option(command, "last"); !last.empty()) {
        auto at = last.find('@');
        if (at == std::string::npos) throw std::invalid_argument("last= needs <qty>@<px>");
        report.lastQty = Qty::of(last.substr(0, at));
        report.lastPx = Price::of(last.substr(at + 1));
    }
    if (auto v = option(command, "qty"); !v.empty()) report.orderQty = Qty::of(v);
    if (auto v = option(command, "cum"); !v.empty()) report.cumQty = Qty::of(v);
    if (auto v = option(command, "px"); !v.empty()) report.price = Price::of(v);
    if (auto v = option(command, "leaves"); !v.empty()) report.leavesQty = Qty::of(v);
    if (auto v = option(command, "avgpx"); !v.empty()) report.avgPx = Price::of(v);
    if (auto v = option(command, "status"); !v.empty()) report.ordStatus = parseEnum<OrdStatus>(v);
    report.symbol = option(command, "symbol");
    if (auto v = option(command, "side"); !v.empty()) report.side = parseEnum<Side>(v);
    return report;
}

}  // namespace

Status OrderScript::runLine(std::string_view line, int lineNumber) {
    const auto arrow = line.find("=>");
    const auto command = parseCommand(line.substr(0, arrow));
    const auto expectation = arrow == std::string_view::npos ? std::vector<std::string>{} : tokenize(line.substr(arrow + 2));
    if (command.words.empty()) return {};
    const auto where = "line " + std::to_string(lineNumber) + " (" + std::string(line) + "): ";

    try {
        const std::string& verb = command.words[0];
        const std::string target = command.words.size() > 1 ? splitIds(command.words[1]).first : std::string();
        OrderBook::Applied applied;
        Order before;
        auto remember = [&](std::string_view clOrdId) {
            if (const auto* order = book_.findByClOrdId(clOrdId)) before = *order;
        };

        if (verb == "new") {
            NewOrderRequest request;
            request.session = "FIX.4.4:BUYSIDE->SELLSIDE";
            request.account = "FUND1";
            request.symbol = option(command, "symbol", "VOD.L");
            request.side = parseEnum<Side>(option(command, "side", "Buy"));
            request.terms.type = OrdType::Limit;
            applyTermOptions(request.terms, command.options);
            auto created = book_.create(nextId_++, request, target, nowUtc());
            if (!created)
                applied = {Outcome::refused(created.error()), nullptr};
            else
                applied = {Outcome::applied(), *created};
        } else if (verb == "cancel" || verb == "replace") {
            if (command.words.size() < 3) return Error{where + verb + " needs <new ClOrdID> <order ClOrdID>"};
            const auto* order = book_.findByClOrdId(command.words[2]);
            if (!order) return Error{where + "no order has ClOrdID " + command.words[2]};
            before = *order;
            if (verb == "cancel") {
                applied = book_.requestCancel(order->state.id, target, nowUtc());
            } else {
                OrderTerms terms = order->state.terms;
                applyTermOptions(terms, command.options);
                applied = book_.requestReplace(order->state.id, target, terms, nowUtc());
            }
        } else if (verb == "exec") {
            const auto report = buildReport(command, lineNumber);
            remember(report.clOrdId);
            if (before.state.id == 0) remember(report.origClOrdId);
            applied = book_.apply(Inbound<ExecutionReport>{envelopeOf(command), report});
        } else if (verb == "cxlrej") {
            CancelReject reject;
            std::tie(reject.clOrdId, reject.origClOrdId) = splitIds(command.words.at(1));
            reject.responseTo = option(command, "for") == "Replace" ? RequestKind::Replace : RequestKind::Cancel;
            reject.reason = option(command, "text");
            remember(reject.clOrdId);
            if (before.state.id == 0) remember(reject.origClOrdId);
            applied = book_.apply(Inbound<CancelReject>{envelopeOf(command), reject});
        } else if (verb == "reject") {
            remember(target);
            applied = book_.apply(Inbound<RequestReject>{envelopeOf(command), {target, option(command, "text"), {}}});
        } else if (verb == "check") {
            const auto* order = book_.findByClOrdId(target);
            if (!order) return Error{where + "no order has ClOrdID " + target};
            if (const auto& word = command.words.at(2); word == "confirmed" || word == "unconfirmed") {
                if (order->state.unconfirmed != (word == "unconfirmed"))
                    return Error{where + "the order is " + (order->state.unconfirmed ? "unconfirmed" : "confirmed")};
                return {};
            }
            const auto status = order->statusOf(target);
            const auto expected = parseEnum<OrdStatus>(command.words.at(2));
            if (status != expected)
                return Error{where + "expected " + std::string(nameOf(expected)) + ", ClOrdID has " +
                             (status ? std::string(nameOf(*status)) : std::string("none"))};
            return {};
        } else {
            return Error{where + "unknown command '" + verb + "'"};
        }

        if (expectation.empty()) {
            if (!applied.outcome.isApplied()) return Error{where + "not applied: " + applied.outcome.detail};
            return {};
        }
        const std::string& expected = expectation[0];
        if (expected == "refused" || expected == "duplicate") {
            const bool kindMatches = expected == "refused" ? applied.outcome.isRefused() : applied.outcome.isDuplicate();
            if (!kindMatches)
                return Error{where + "expected " + expected + ", got " +
                             (applied.outcome.isApplied() ? "applied" : "the other kind") + ": " + applied.outcome.detail};
            for (std::size_t i = 1; i < expectation.size(); ++i)
                if (applied.outcome.detail.find(expectation[i]) == std::string::npos)
                    return Error{where + "the reason '" + applied.outcome.detail + "' does not mention '" + expectation[i] + "'"};
            if (applied.order && !(*applied.order == before)) return Error{where + "a " + expected + " event changed the order"};
            return {};
        }
        if (!applied.outcome.isApplied()) return Error{where + "refused: " + applied.outcome.detail};
        if (expectation.size() < 4) return Error{where + "expectation needs <OrdStatus> <OrderQty> <CumQty> <LeavesQty>"};
        const auto& state = applied.order->state;
        bool matches = state.status() == parseEnum<OrdStatus>(expected) && state.terms.quantity == Qty::of(expectation[1]) &&
                       state.cumQty == Qty::of(expectation[2]) && state.leavesQty() == Qty::of(expectation[3]);
        for (std::size_t i = 4; i < expectation.size(); ++i) {
            if (expectation[i].rfind("avg=", 0) == 0) matches = matches && state.avgPx() == Price::of(expectation[i].substr(4));
        }
        if (!matches) return Error{where + "the order is " + describe(*applied.order)};
        return {};
    } catch (const std::exception& e) {
        return Error{where + "bad script line: " + e.what()};
    }
}

Status OrderScript::runFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) return Error{"cannot read " + path.string()};
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#') continue;
        if (auto status = runLine(line, number); !status) return Error{path.filename().string() + ", " + status.error()};
    }
    return {};
}

}  // namespace ob::test
