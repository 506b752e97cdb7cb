#pragma once

// What the order engine's queue carries: one struct per command, with the promise that answers it. Private to
// the engine: only its .cpp files include this.

#include "engine/orderengine.h"

#include <future>
#include <memory>
#include <variant>

namespace ob::command {

struct Submit {
    NewOrderRequest request;
    Actor actor;
    std::string warningReason;
    std::promise<Result<OrderState>> done;
};
struct Cancel {
    OrderId id;
    Actor actor;
    std::promise<Outcome> done;
};
struct Replace {
    OrderId id;
    OrderTerms terms;
    Actor actor;
    std::string warningReason;
    std::promise<Outcome> done;
};
struct CheckWhatIf {
    NewOrderRequest request;
    Actor actor;
    OrderId amending = 0;
    std::promise<OrderEngine::WhatIf> done;
};
struct DecideBreach {
    std::int64_t breachId = 0;
    BreachDecision decision = BreachDecision::Acknowledge;
    Actor actor;
    std::string reason;
    std::promise<Status> done;
};
struct SetRules {
    RuleBook rules;
    Actor actor;
    std::string how;
    std::optional<RuleBook> basedOn;
    std::promise<Status> done;
};
struct RecheckHoldings {};
struct StageList {
    OrderList list;
    std::vector<NewOrderRequest> orders;
    Actor actor;
    std::promise<Result<OrderList>> done;
};
struct SetOpeningPositions {
    std::vector<OpeningPosition> positions;
    Actor actor;
    std::string source;
    std::promise<Status> done;
};
struct SaveModel {
    ModelPortfolio model;
    Actor actor;
    std::string source;
    std::promise<Status> done;
};
struct Release {
    std::vector<OrderId> ids;
    std::string session;
    Actor actor;
    std::string warningReason;
    std::promise<std::vector<Result<OrderState>>> done;
};
struct Snapshot {
    std::promise<BookSnapshot> done;
};
/// The rule set in force, as compliance holds it.
struct AskRules {
    std::promise<Result<RuleBook>> done;
};
struct FindOrder {
    OrderId id;
    std::promise<std::optional<Order>> done;
    std::string clOrdId = {};  ///< when given, the order whose chain holds this ClOrdID, whatever `id` says
};
/// Answers with the number of the last unit submitted, to wait for its commit.
struct Barrier {
    std::promise<std::uint64_t> done;
};
struct RouterBarrier {
    std::shared_ptr<std::promise<void>> reached;
};
/// What the router did with requests: handed to FIX, or not (the session was down).
struct Routed {
    struct Request {
        OrderId order = 0;
        RequestKind kind = RequestKind::New;
        std::string session;
        std::string clOrdId;
        bool handedOver = false;
    };
    std::vector<Request> requests;
};
struct ResolveUnconfirmed {
    OrderId id = 0;
    Resolution how = Resolution::Cancel;
    Actor actor;
    std::promise<Outcome> done;
};
struct VerifyBooks {
    std::promise<Result<BookCheckReport>> done;
};
struct SetUser {
    UserChange change;
    Actor actor;
    std::promise<Result<UserUpdate>> done;
};
struct SetReference {
    ReferenceData upserts;
    std::map<std::string, int> lines;  ///< the file line of each key, when they come from a file
    Actor actor;
    std::promise<Result<ReferenceUpdate>> done;
};
/// An administrator lifts the lock that failed logins put on a user.
struct UnlockUser {
    std::string name;
    Actor actor;
    std::promise<Status> done;
};
/// A user replaces their own password; the caller checked the old one against `expectedHash`.
struct ChangeOwnPassword {
    std::string expectedHash;
    std::string newHash;
    Actor actor;
    std::promise<Status> done;
};
/// The users as the engine's changes leave them.
struct ReadUsers {
    std::promise<Result<std::vector<User>>> done;
};
struct RecordExport {
    std::string what;
    std::string destination;
    Actor actor;
    std::promise<Status> done;
};
/// The store failed a commit: wakes the engine to halt at once, not at whatever comes next.
struct StoreStopped {};

/// One entry of the queue.
struct Any {
    std::variant<Inbound<ExecutionReport>, Inbound<CancelReject>, Inbound<RequestReject>, QuarantinedMessage, SessionEpoch,
                 Submit, Cancel, Replace, Snapshot, AskRules, FindOrder, Barrier, CheckWhatIf, DecideBreach, SetRules,
                 RecheckHoldings, StageList, Release, SetOpeningPositions, SaveModel, RouterBarrier, Routed, SessionLoggedOn,
                 ResolveUnconfirmed, VerifyBooks, EngineAlert, StoreStopped, SetUser, UnlockUser, ChangeOwnPassword, ReadUsers,
                 RecordExport, SetReference>
        item;
};

}  // namespace ob::command
