#pragma once

#include "enumtable.h"

#include <cstdint>

namespace ob {

/// Side (FIX tag 54).
enum class Side : std::uint8_t { Buy, Sell, SellShort };

/// OrdType (FIX tag 40).
enum class OrdType : std::uint8_t { Market, Limit, Stop, StopLimit };

/// TimeInForce (FIX tag 59).
enum class TimeInForce : std::uint8_t { Day, GoodTillCancel, ImmediateOrCancel, FillOrKill, GoodTillDate };

/// OrdStatus (FIX tag 39): the state of an order as a whole.
enum class OrdStatus : std::uint8_t {
    New,
    PartiallyFilled,
    Filled,
    DoneForDay,
    Canceled,
    Replaced,
    PendingCancel,
    Stopped,
    Rejected,
    Suspended,
    PendingNew,
    Calculated,
    Expired,
    AcceptedForBidding,
    PendingReplace,
};

/// ExecType (FIX 4.4 tag 150): what one ExecutionReport reports. FIX 4.2's
/// PartialFill and Fill arrive as Trade, translated at the FIX boundary.
enum class ExecType : std::uint8_t {
    New,
    DoneForDay,
    Canceled,
    Replaced,
    PendingCancel,
    Stopped,
    Rejected,
    Suspended,
    PendingNew,
    Calculated,
    Expired,
    Restated,
    PendingReplace,
    Trade,
    TradeCorrect,
    TradeCancel,
    OrderStatus,
};

template <>
struct EnumTable<Side> {
    static constexpr std::array<EnumEntry<Side>, 3> entries{{
        {Side::Buy, '1', "Buy", "BUY"},
        {Side::Sell, '2', "Sell", "SELL"},
        {Side::SellShort, '5', "SellShort", "SHORT"},
    }};
};

template <>
struct EnumTable<OrdType> {
    static constexpr std::array<EnumEntry<OrdType>, 4> entries{{
        {OrdType::Market, '1', "Market", "MKT"},
        {OrdType::Limit, '2', "Limit", "LMT"},
        {OrdType::Stop, '3', "Stop", "STP"},
        {OrdType::StopLimit, '4', "StopLimit", "STPLMT"},
    }};
};

/// The prices an order of this type carries: a limit (Limit, StopLimit), a stop (Stop, StopLimit).
constexpr bool needsLimitPrice(OrdType type) { return type == OrdType::Limit || type == OrdType::StopLimit; }
constexpr bool needsStopPrice(OrdType type) { return type == OrdType::Stop || type == OrdType::StopLimit; }

template <>
struct EnumTable<TimeInForce> {
    static constexpr std::array<EnumEntry<TimeInForce>, 5> entries{{
        {TimeInForce::Day, '0', "Day", "DAY"},
        {TimeInForce::GoodTillCancel, '1', "GoodTillCancel", "GTC"},
        {TimeInForce::ImmediateOrCancel, '3', "ImmediateOrCancel", "IOC"},
        {TimeInForce::FillOrKill, '4', "FillOrKill", "FOK"},
        {TimeInForce::GoodTillDate, '6', "GoodTillDate", "GTD"},
    }};
};

template <>
struct EnumTable<OrdStatus> {
    static constexpr std::array<EnumEntry<OrdStatus>, 15> entries{{
        {OrdStatus::New, '0', "New", ""},
        {OrdStatus::PartiallyFilled, '1', "PartiallyFilled", ""},
        {OrdStatus::Filled, '2', "Filled", ""},
        {OrdStatus::DoneForDay, '3', "DoneForDay", ""},
        {OrdStatus::Canceled, '4', "Canceled", ""},
        {OrdStatus::Replaced, '5', "Replaced", ""},
        {OrdStatus::PendingCancel, '6', "PendingCancel", ""},
        {OrdStatus::Stopped, '7', "Stopped", ""},
        {OrdStatus::Rejected, '8', "Rejected", ""},
        {OrdStatus::Suspended, '9', "Suspended", ""},
        {OrdStatus::PendingNew, 'A', "PendingNew", ""},
        {OrdStatus::Calculated, 'B', "Calculated", ""},
        {OrdStatus::Expired, 'C', "Expired", ""},
        {OrdStatus::AcceptedForBidding, 'D', "AcceptedForBidding", ""},
        {OrdStatus::PendingReplace, 'E', "PendingReplace", ""},
    }};
};

template <>
struct EnumTable<ExecType> {
    static constexpr std::array<EnumEntry<ExecType>, 17> entries{{
        {ExecType::New, '0', "New", ""},
        {ExecType::DoneForDay, '3', "DoneForDay", ""},
        {ExecType::Canceled, '4', "Canceled", ""},
        {ExecType::Replaced, '5', "Replaced", ""},
        {ExecType::PendingCancel, '6', "PendingCancel", ""},
        {ExecType::Stopped, '7', "Stopped", ""},
        {ExecType::Rejected, '8', "Rejected", ""},
        {ExecType::Suspended, '9', "Suspended", ""},
        {ExecType::PendingNew, 'A', "PendingNew", ""},
        {ExecType::Calculated, 'B', "Calculated", ""},
        {ExecType::Expired, 'C', "Expired", ""},
        {ExecType::Restated, 'D', "Restated", ""},
        {ExecType::PendingReplace, 'E', "PendingReplace", ""},
        {ExecType::Trade, 'F', "Trade", ""},
        {ExecType::TradeCorrect, 'G', "TradeCorrect", ""},
        {ExecType::TradeCancel, 'H', "TradeCancel", ""},
        {ExecType::OrderStatus, 'I', "OrderStatus", ""},
    }};
};

/// A status after which the sell side sends nothing more for the day but
/// corrections: Filled, Canceled, Rejected, Expired, DoneForDay (and
/// Replaced, the status of a superseded version of an order).
constexpr bool isTerminal(OrdStatus status) {
    switch (status) {
        case OrdStatus::Filled:
        case OrdStatus::Canceled:
        case OrdStatus::Rejected:
        case OrdStatus::Expired:
        case OrdStatus::DoneForDay:
        case OrdStatus::Replaced: return true;
        default: return false;
    }
}

}  // namespace ob
