#pragma once

#include "domain/referencedata.h"
#include "domain/result.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace ob {

/// One item added or changed, as the audit trail records it.
struct ReferenceEdit {
    std::string action;   ///< "instrument.add", "instrument.change", "instrument.deactivate", "account.add", "fx.change" …
    std::string subject;  ///< "instrument IBM", "fund GROWTH", "fx rate EUR"
    std::string details;  ///< what it holds when added; each changed field's old and new value when changed

    friend bool operator==(const ReferenceEdit&, const ReferenceEdit&) = default;
};

/// What an import or an edit does to the desk's reference data.
struct ReferenceUpdate {
    ReferenceData after;               ///< the desk's reference data with the change
    ReferenceData changed;             ///< only the items added or changed: what the store writes
    std::vector<ReferenceEdit> edits;  ///< one per item added or changed
    std::size_t unchanged = 0;         ///< items given that were already so

    /// How many of the edits added an item; the others changed one.
    std::size_t added() const;
};

/// Adds or updates each item of `upserts` by its key (symbol, code, currency) in `desk`, all or nothing. Refused,
/// with every reason, when the result would not hang together: an account of a fund the desk does not have, an
/// instrument or fund in a currency without a reference FX rate, or a change the book cannot follow (an account
/// moved to another fund, an instrument's or fund's currency changed: their positions and cash would change
/// meaning). `lines` gives the file line of each key when the items come from a file, so that a reason names it.
/// Nothing is ever removed: an instrument or account goes out of use by being deactivated.
Result<ReferenceUpdate> planReferenceChange(const ReferenceData& desk, const ReferenceData& upserts,
                                            const std::map<std::string, int>& lines = {});

}  // namespace ob
