#pragma once

#include "domain/enumtable.h"

#include <cstdint>
#include <string>

namespace ob {

/// What a user does at the desk; it decides what the user may do.
enum class Role : std::uint8_t { Trader, PortfolioManager, ComplianceOfficer, Administrator };

template <>
struct EnumTable<Role> {
    static constexpr std::array<EnumEntry<Role>, 4> entries{{
        {Role::Trader, '\0', "Trader", "trader"},
        {Role::PortfolioManager, '\0', "PortfolioManager", "pm"},
        {Role::ComplianceOfficer, '\0', "ComplianceOfficer", "compliance"},
        {Role::Administrator, '\0', "Administrator", "admin"},
    }};
};

/// Everything the desk asks permission for.
enum class Permission : std::uint8_t {
    TradeOrders,       ///< enter, amend and cancel orders
    AcceptWarnings,    ///< send an order despite a compliance warning, giving a reason
    DecideBreaches,    ///< acknowledge, override or reject a compliance breach
    EditRules,         ///< change compliance rules, restricted lists and locates
    ManageUsers,       ///< add users and reset passwords
    ViewAudit,         ///< read the audit trail
    ManagePortfolios,  ///< edit model portfolios and hand rebalances to the traders as staged lists
    ReleaseLists,      ///< send a staged list's orders to a broker
    ManageReference,   ///< add, change and deactivate instruments, funds, accounts and FX rates
};

/// Who may do what. Traders and PMs trade; a PM hands rebalances to the traders as
/// staged lists, which only traders release;
/// only a compliance officer decides breaches; rules belong to compliance
/// officers and administrators; nobody but an administrator manages users.
constexpr bool allows(Role role, Permission permission) {
    switch (permission) {
        case Permission::TradeOrders:
        case Permission::AcceptWarnings: return role == Role::Trader || role == Role::PortfolioManager;
        case Permission::DecideBreaches: return role == Role::ComplianceOfficer;
        case Permission::EditRules: return role == Role::ComplianceOfficer || role == Role::Administrator;
        case Permission::ManageUsers:
        case Permission::ManageReference: return role == Role::Administrator;
        case Permission::ViewAudit: return role == Role::ComplianceOfficer || role == Role::Administrator;
        case Permission::ManagePortfolios: return role == Role::PortfolioManager;
        case Permission::ReleaseLists: return role == Role::Trader;
    }
    return false;
}

/// The user on whose behalf something is done: recorded in the audit trail
/// and checked against the permissions.
struct Actor {
    std::string user;
    Role role = Role::Trader;

    /// The desk itself: restarts, automatic resolutions.
    static Actor system() { return {"system", Role::Administrator}; }
    bool may(Permission permission) const { return allows(role, permission); }

    friend bool operator==(const Actor&, const Actor&) = default;
};

/// "trader1 (Trader) may not override a compliance breach".
std::string refusal(const Actor& actor, std::string_view what);

}  // namespace ob
