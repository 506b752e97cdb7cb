#pragma once

#include <string>

namespace ob {

/// A portfolio with its own holdings, cash and NAV.
struct Fund {
    std::string code;
    std::string name;
    std::string baseCurrency;

    friend bool operator==(const Fund&, const Fund&) = default;
};

/// A trading account, booked to one fund. Orders name the account.
struct Account {
    std::string code;
    std::string name;
    std::string fundCode;
    /// An inactive account takes no new order; its orders and positions stay. Accounts are never deleted.
    bool active = true;

    friend bool operator==(const Account&, const Account&) = default;
};

}  // namespace ob
