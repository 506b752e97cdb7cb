#include "fixgateway.h"

#include "fix/marketdata.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ob {

namespace {

std::string_view targetCompIdOf(std::string_view session) {
    const auto arrow = session.find("->");
    if (arrow == std::string_view::npos) return {};
    auto target = session.substr(arrow + 2);
    return target.substr(0, target.find(':'));
}

/// What QuickFIX says when a session's message store cannot use its files (a full disk), the session sending
/// nothing then; empty for any other event.
std::string storeFailureIn(const std::string& text) {
    constexpr std::string_view ioError = "IO Error: ";  // QuickFIX's IOException
    if (text.rfind(ioError, 0) == 0) return text.substr(ioError.size());
    if (text.find("in MessageStore") != std::string::npos) return text;
    return {};
}

/// A FIX file the desk cannot write: said where the trader and the log see it.
void raiseFileProblem(OrderEngine& engine, const std::string& problem) {
    spdlog::error("{}", problem);
    engine.post(EngineAlert{nowUtc(), EngineAlert::Severity::Error, 0, problem});
}

bool looksLikeError(const std::string& text) {
    for (const char* word : {"failed", "Failed", "Error", "error", "Timed out", "timed out", "too low", "rejected", "Rejected",
                             "Invalid", "invalid"})
        if (text.find(word) != std::string::npos) return true;
    return false;
}

}  // namespace

std::string_view nameOf(FixSessionInfo::State state) {
    switch (state) {
        case FixSessionInfo::State::Disconnected: return "Disconnected";
        case FixSessionInfo::State::Connecting: return "Connecting";
        case FixSessionInfo::State::LoggedOn: return "LoggedOn";
        case FixSessionInfo::State::Error: return "Error";
    }
    return "?";
}

Status installFixDictionaries(const std::filesystem::path& directory, std::string_view fix42, std::string_view fix44) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) return Error{"cannot create " + directory.string() + ": " + error.message()};
    for (const auto& [name, text] : {std::pair{"FIX42.xml", fix42}, std::pair{"FIX44.xml", fix44}}) {
        const auto path = directory / name;
        std::ifstream existing(path, std::ios::binary);
        std::stringstream current;
        current << existing.rdbuf();
        if (existing && current.str() == text) continue;
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out) return Error{"cannot write " + path.string()};
    }
    return {};
}

FixGateway::FixGateway(OrderEngine& engine, std::unique_ptr<MessageLog> log) : engine_(engine), messageLog_(std::move(log)) {}

FixGateway::~FixGateway() { stop(); }

Result<std::unique_ptr<FixGateway>> FixGateway::create(const Options& options, OrderEngine& engine) {
    const auto fixDirectory = options.dataDirectory / "fix";
    std::error_code ignored;
    std::filesystem::create_directories(fixDirectory / "store", ignored);
    auto log = std::make_unique<MessageLog>(fixDirectory, 100'000,
                                            [&engine](const std::string& problem) { raiseFileProblem(engine, problem); });
    std::unique_ptr<FixGateway> gateway(new FixGateway(engine, std::move(log)));

    fixengine::EngineOptions engineOptions;
    engineOptions.settingsText = options.settingsText;
    engineOptions.storeDirectory = (fixDirectory / "store").string();
    engineOptions.dictionaryDirectory = options.dictionaryDirectory.string();
    engineOptions.inboundSequenceRecordedByOwner = true;
    std::string error;
    gateway->fix_ = fixengine::createInitiator(engineOptions, *gateway, error);
    if (!gateway->fix_) return Error{"the FIX session settings are not usable: " + error};
    if (gateway->fix_->sessions().empty()) return Error{"the FIX session settings define no session"};
    gateway->prices_ = options.prices;
    gateway->marketDataSymbols_ = options.marketDataSymbols;

    for (const auto& id : gateway->fix_->sessions()) {
        FixSessionInfo info;
        info.id = id;
        const auto alias = gateway->fix_->setting(id, "SessionAlias");
        info.alias = alias.empty() ? std::string(targetCompIdOf(id)) : alias;
        info.version = fixVersionOf(id);
        if (const auto timeout = std::atoi(gateway->fix_->setting(id, "StatusRequestTimeout").c_str()); timeout > 0)
            info.statusRequestTimeout = std::chrono::seconds(timeout);
        auto wire = WireIdentifiers::read(info.alias + " (" + id + ")", gateway->fix_->setting(id, "SecurityIDSource"),
                                          gateway->fix_->setting(id, "ExDestination"));
        if (!wire) return Error{"the FIX session settings are not usable: " + wire.error()};
        gateway->identifiers_.emplace(id, SessionIdentifiers{*wire, info.alias});
        gateway->sessions_.emplace(id, std::move(info));
    }
    return gateway;
}

Status FixGateway::start() {
    // Resume inbound after the last message whose effects are durable; the counterparty resends the rest.
    const auto progress = engine_.inboundProgressAtStart();
    for (const auto& status : fix_->status()) {
        engine_.post(SessionEpoch{status.session, status.storeCreated});
        auto it = progress.find(status.session);
        // The session's file does not follow inbound numbers (the order store does): resume from the
        // store when it knows this epoch; a new epoch (a new FIX day) starts where the session says.
        if (it == progress.end() || it->second.epoch != status.storeCreated ||
            it->second.lastApplied + 1 == status.nextTargetMsgSeqNum)
            continue;
        const int resumeAt = static_cast<int>(it->second.lastApplied + 1);
        std::string error;
        if (!fix_->setNextTargetMsgSeqNum(status.session, resumeAt, error))
            return Error{"cannot resume " + status.session + " at MsgSeqNum " + std::to_string(resumeAt) + ": " + error};
        spdlog::info("{}: resuming inbound at MsgSeqNum {}, after the last message the store holds", status.session, resumeAt);
    }
    std::string error;
    if (!fix_->start(error)) return Error{"the FIX sessions did not start: " + error};
    return {};
}

void FixGateway::stop(bool graceful) {
    if (!fix_) return;
    fix_->stop(!graceful);
    messageLog_->flush();
}

Result<InstrumentFields> FixGateway::instrumentFieldsOf(const OutboundRequest& request) const {
    const auto session = identifiers_.find(request.order.session);
    if (session == identifiers_.end()) return InstrumentFields{};  // no such session: sending it says so
    return session->second.wire.fieldsFor(request.order.symbol, request.securityIds, session->second.alias);
}

bool FixGateway::route(const OutboundRequest& request) {
    const auto identifiers = instrumentFieldsOf(request);
    if (!identifiers) return refuse(request, identifiers.error());
    const auto message = fix_translator::outbound(request, nowUtc(), *identifiers);
    const auto& session = request.order.session;
    std::string error;
    const bool sent = fix_->send(session, message, error);
    {
        std::lock_guard lock(mutex_);
        if (sent) {
            storeFailures_.erase(session);  // it stored the request: its store writes again
        } else if (auto failure = storeFailures_.find(session); failure != storeFailures_.end()) {
            error = "its message store cannot be written (" + failure->second + ")";
        }
    }
    if (sent) return true;
    return refuse(request, error);
}

bool FixGateway::refuse(const OutboundRequest& request, const std::string& why) {
    spdlog::warn("{} {} not sent: {}", nameOf(request.kind), request.clOrdId, why);
    // A status request not sent is asked again at the next logon; a request refused here never left.
    if (request.kind != RequestKind::Status)
        engine_.post(
            Inbound<RequestReject>{{request.order.session, 0, {}, {}, nowUtc()}, {request.clOrdId, "not sent: " + why, {}}});
    return false;
}

std::vector<FixSessionInfo> FixGateway::sessions() const {
    const auto status = fix_->status();
    std::lock_guard lock(mutex_);
    std::vector<FixSessionInfo> result;
    for (const auto& [id, info] : sessions_) {
        result.push_back(info);
        for (const auto& s : status) {
            if (s.session != id) continue;
            result.back().nextSenderMsgSeqNum = s.nextSenderMsgSeqNum;
            result.back().nextTargetMsgSeqNum = s.nextTargetMsgSeqNum;
        }
    }
    return result;
}

std::optional<std::string> FixGateway::resolve(std::string_view broker) const {
    std::lock_guard lock(mutex_);
    if (broker.empty()) return sessions_.empty() ? std::nullopt : std::optional<std::string>(sessions_.begin()->first);
    for (const auto& [id, info] : sessions_)
        if (id == broker || info.alias == broker || targetCompIdOf(id) == broker) return id;
    return std::nullopt;
}

std::string FixGateway::defaultSession() const { return resolve({}).value_or(std::string()); }

bool FixGateway::waitForLogon(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return logonChanged_.wait_for(lock, timeout, [&] {
        for (const auto& [id, info] : sessions_)
            if (info.state != FixSessionInfo::State::LoggedOn) return false;
        return true;
    });
}

void FixGateway::connect(const std::string& session) { fix_->logon(session); }
void FixGateway::disconnect(const std::string& session) { fix_->logout(session, "logged out by the user"); }
void FixGateway::reset(const std::string& session) { fix_->reset(session); }

void FixGateway::onApplicationMessage(const std::string& session, const std::string& text, int msgSeqNum, bool) {
    const auto receivedAt = nowUtc();
    auto message = FixMessage::parse(text);
    if (!message) {
        quarantine(session, text, msgSeqNum, "unreadable message: " + message.error());
        return;
    }
    const auto msgType = message->msgType();
    if (msgType == msgtype::ExecutionReport) {
        auto report = fix_translator::executionReport(*message, session, receivedAt);
        if (!report) return quarantine(session, text, msgSeqNum, report.error());
        engine_.post(std::move(*report));
    } else if (msgType == msgtype::OrderCancelReject) {
        auto reject = fix_translator::cancelReject(*message, session, receivedAt);
        if (!reject) return quarantine(session, text, msgSeqNum, reject.error());
        engine_.post(std::move(*reject));
    } else if (msgType == msgtype::MarketDataSnapshotFullRefresh || msgType == msgtype::MarketDataIncrementalRefresh) {
        applyMarketData(session, *message, msgSeqNum);
    } else if (msgType == msgtype::MarketDataRequestReject) {
        spdlog::warn("{}: market data request rejected: {}", session, message->getOr(fixtag::Text, "no reason given"));
    } else if (msgType == msgtype::Reject) {
        sessionReject(session, *message);
    } else if (msgType == msgtype::BusinessMessageReject) {
        businessReject(session, *message);
    } else {
        quarantine(session, text, msgSeqNum, "message type " + std::string(msgType) + " is not one this desk takes");
    }
}

void FixGateway::subscribeMarketData(const std::string& session, std::vector<std::string> symbols) {
    if (!prices_ || fix_->setting(session, "MarketData") != "Y") return;
    if (symbols.empty()) {
        std::lock_guard lock(marketDataMutex_);
        symbols = marketDataSymbols_;
    }
    if (symbols.empty()) return;
    std::string error;
    if (!fix_->send(session, market_data::subscription("prices-" + std::to_string(toNanos(nowUtc())), symbols), error))
        spdlog::warn("{}: market data not requested: {}", session, error);
}

void FixGateway::followPrices(const std::vector<std::string>& symbols) {
    std::vector<std::string> added;
    {
        std::lock_guard lock(marketDataMutex_);
        for (const auto& symbol : symbols)
            if (std::find(marketDataSymbols_.begin(), marketDataSymbols_.end(), symbol) == marketDataSymbols_.end()) {
                marketDataSymbols_.push_back(symbol);
                added.push_back(symbol);
            }
    }
    if (added.empty()) return;
    for (const auto& status : fix_->status())
        if (status.loggedOn) subscribeMarketData(status.session, added);
}

void FixGateway::applyMarketData(const std::string& session, const FixMessage& message, int msgSeqNum) {
    auto updates = market_data::read(message);
    if (!updates) {
        // Prices are not orders: a bad one is logged and skipped, the next refresh replaces it.
        spdlog::warn("{}: market data message {} skipped: {}", session, msgSeqNum, updates.error());
        return;
    }
    if (!prices_) return;
    const auto at = nowUtc();
    for (const auto& update : *updates) prices_->update(update.symbol, update.bid, update.offer, update.last, at);
}

namespace {

/// The request a reject refuses, from the MsgType (RefMsgType, 372) of the message it names.
std::optional<RequestKind> requestKindOf(std::string_view msgType) {
    if (msgType == msgtype::NewOrderSingle) return RequestKind::New;
    if (msgType == msgtype::OrderCancelRequest) return RequestKind::Cancel;
    if (msgType == msgtype::OrderCancelReplaceRequest) return RequestKind::Replace;
    if (msgType == msgtype::OrderStatusRequest) return RequestKind::Status;
    return std::nullopt;
}

}  // namespace

void FixGateway::sessionReject(const std::string& session, const FixMessage& message) {
    const int refSeqNum = std::atoi(message.getOr(fixtag::RefSeqNum).c_str());
    const auto sent = sentMessage(session, refSeqNum);
    const auto reason = "session-level reject: " + fix_translator::rejectReason(message);
    if (!sent) {
        // A reject of a heartbeat or other session message concerns no order; the log has it.
        spdlog::warn("{}: {} (RefSeqNum {})", session, reason, refSeqNum);
        return;
    }
    engine_.post(Inbound<RequestReject>{fix_translator::envelopeOf(message, session, nowUtc()),
                                        {sent->clOrdId, reason, requestKindOf(sent->msgType)}});
}

void FixGateway::businessReject(const std::string& session, const FixMessage& message) {
    const auto sent = sentMessage(session, std::atoi(message.getOr(fixtag::RefSeqNum).c_str()));
    auto clOrdId = fix_translator::businessRejectRefId(message);
    if (clOrdId.empty() && sent) clOrdId = sent->clOrdId;
    const auto refMsgType = message.getOr(fixtag::RefMsgType, sent ? sent->msgType : std::string());
    const auto reason = "business reject: " + fix_translator::rejectReason(message);
    if (clOrdId.empty()) return quarantine(session, message.text(), message.msgSeqNum(), reason + " (names no request of ours)");
    engine_.post(Inbound<RequestReject>{fix_translator::envelopeOf(message, session, nowUtc()),
                                        {clOrdId, reason, requestKindOf(refMsgType)}});
}

void FixGateway::onApplicationSent(const std::string& session, const std::string& text, int msgSeqNum) {
    // The type and ClOrdID name the request if the counterparty rejects this message.
    const auto clOrdId = fieldIn(text, fixtag::ClOrdID);
    if (clOrdId.empty()) return;
    std::lock_guard lock(mutex_);
    auto& sent = sent_[session];
    sent[msgSeqNum] = {std::string(fieldIn(text, fixtag::MsgType)), std::string(clOrdId)};
    while (sent.size() > 200'000) sent.erase(sent.begin());
}

std::optional<FixGateway::Sent> FixGateway::sentMessage(const std::string& session, int msgSeqNum) const {
    std::lock_guard lock(mutex_);
    auto it = sent_.find(session);
    if (it == sent_.end()) return std::nullopt;
    auto sent = it->second.find(msgSeqNum);
    return sent == it->second.end() ? std::nullopt : std::optional<Sent>(sent->second);
}

void FixGateway::onRejectedMessage(const std::string& session, const std::string& text, const std::string& reason) {
    const auto message = FixMessage::parse(text);
    quarantine(session, text, message ? message->msgSeqNum() : 0, "rejected by the FIX session layer: " + reason);
}

void FixGateway::quarantine(const std::string& session, const std::string& text, int msgSeqNum, std::string reason) {
    auto message = FixMessage::parse(text);
    engine_.post(QuarantinedMessage{0, nowUtc(), session, msgSeqNum, message ? std::string(message->msgType()) : std::string(),
                                    text, std::move(reason), 0});
}

void FixGateway::onLogon(const std::string& session) {
    // A logon may have started the numbers again (ResetOnLogon, a new session day).
    for (const auto& status : fix_->status())
        if (status.session == session) engine_.post(SessionEpoch{session, status.storeCreated});
    {
        std::lock_guard lock(mutex_);
        storeFailures_.erase(session);  // it stored its Logon
        auto& info = sessions_[session];
        // Requests that never left are sent now; orders the sell side has not answered are asked about. Told
        // before the session shows as logged on, so that whoever waits for the logon finds it under way.
        engine_.post(SessionLoggedOn{session, info.statusRequestTimeout});
        info.state = FixSessionInfo::State::LoggedOn;
        info.lastError.clear();
        info.lastEvent = "logged on";
        info.lastEventAt = nowUtc();
    }
    spdlog::info("{}: logged on", session);
    subscribeMarketData(session);
    logonChanged_.notify_all();
}

void FixGateway::onLogout(const std::string& session) {
    {
        std::lock_guard lock(mutex_);
        auto& info = sessions_[session];
        if (info.state != FixSessionInfo::State::Error) info.state = FixSessionInfo::State::Disconnected;
        info.lastEvent = "logged out";
        info.lastEventAt = nowUtc();
    }
    spdlog::info("{}: logged out", session);
    logonChanged_.notify_all();
}

void FixGateway::onEvent(const std::string& session, const std::string& text) {
    spdlog::debug("{}: {}", session, text);
    if (session.empty()) return;
    std::string problem;
    {
        std::lock_guard lock(mutex_);
        auto it = sessions_.find(session);
        if (it == sessions_.end()) return;
        auto& info = it->second;
        info.lastEvent = text;
        info.lastEventAt = nowUtc();
        const auto storeFailure = storeFailureIn(text);
        if (!storeFailure.empty() || looksLikeError(text)) {
            info.state = FixSessionInfo::State::Error;
            info.lastError = text;
            if (storeFailure.empty()) spdlog::warn("{}: {}", session, text);
        } else if (text.rfind("Connecting to", 0) == 0 && info.state != FixSessionInfo::State::LoggedOn &&
                   !storeFailures_.count(session)) {
            info.state = FixSessionInfo::State::Connecting;
        }
        // Said once, until the store writes again: each message the session tries meanwhile fails the same way.
        if (!storeFailure.empty() && storeFailures_.emplace(session, storeFailure).second)
            problem = "FIX session " + session + " cannot write its message store (" + storeFailure +
                      "): it sends nothing, not even its logon or heartbeats, until it can. Free space on the disk of the "
                      "data directory";
    }
    if (!problem.empty()) raiseFileProblem(engine_, problem);
}

void FixGateway::onRawMessage(const std::string& session, fixengine::Direction direction, const std::string& text) {
    messageLog_->append(session, direction == fixengine::Direction::Incoming, text);
}

}  // namespace ob
